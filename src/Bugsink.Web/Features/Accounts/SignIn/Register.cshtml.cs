using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

// Open registration, only with Bugsink:Accounts:Registration = Anybody; otherwise the page does not exist.
// Limited like the login form: "that address has an account" is an answer a stranger could collect.
[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class RegisterModel(UserCreator creator, SignInManager<User> signIn, IOptions<AccountsOptions> options) : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IActionResult OnGet() => IsOpen ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsOpen)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Errors = [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)];
            return Page();
        }

        var created = await creator.CreateAsync(Email, Password, isAdmin: false);
        if (!created.Succeeded)
        {
            Errors = created.Errors;
            return Page();
        }

        await signIn.SignInAsync(created.User!, isPersistent: false);
        TempData["Flash"] = "Welcome! Create a team to start adding projects.";
        return Redirect("/teams/");
    }

    private bool IsOpen => options.Value.Registration == RegistrationPolicy.Anybody;
}
