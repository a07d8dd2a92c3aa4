using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<User> signIn, IOptions<AccountsOptions> options) : PageModel
{
    [BindProperty]
    [Required]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public bool CanRegister => options.Value.Registration == RegistrationPolicy.Anybody;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "Enter your email address and password.";
            return Page();
        }

        // Every failure counts towards the lockout (5 tries, then 15 minutes), also for a right password
        // typed while locked: guessing must not be able to tell a locked account from a wrong password.
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut
            ? "Too many failed attempts. This account is locked for 15 minutes; an administrator can unlock it sooner."
            : "That email address and password do not match an account.";
        return Page();
    }
}
