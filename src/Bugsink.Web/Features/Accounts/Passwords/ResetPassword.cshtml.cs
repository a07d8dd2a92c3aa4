using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Accounts.Passwords;

// Where password links lead: from "forgot password" emails and from links an administrator passes on.
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<User> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public long UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    public string? Email { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindValidAsync() is not { } user)
        {
            return Invalid();
        }

        Email = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The code first: until it is valid, the answer must not show whose account the id is.
        if (await FindValidAsync() is not { } user)
        {
            return Invalid();
        }

        Email = user.Email;
        if (!ModelState.IsValid)
        {
            Errors = [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)];
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, PasswordLinks.DecodeToken(Code)!, Password);
        if (!result.Succeeded)
        {
            Errors = UserCreator.Describe(result);
            return Page();
        }

        // A lockout from someone guessing must not keep the owner out after a reset.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = "Your password is set. Log in with it.";
        return Redirect(AccountsModule.LoginPath);
    }

    // The account the link names, only when its code is valid for it (unused, not expired, same password).
    private async Task<User?> FindValidAsync()
    {
        var token = PasswordLinks.DecodeToken(Code);
        var user = token is null ? null : await users.FindByIdAsync(UserId.ToString(CultureInfo.InvariantCulture));
        return user is not null && await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, token!)
            ? user
            : null;
    }

    private PageResult Invalid()
    {
        Email = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
