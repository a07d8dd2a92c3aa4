using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Bugsink.Web.Features.Accounts.Passwords;

[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class ForgotPasswordModel(
    UserManager<User> users, PasswordLinks links, AccountMail mail, PasswordMailThrottle throttle, IServiceScopeFactory scopes) : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    public string Email { get; set; } = "";

    public bool CanSendEmail => mail.IsConfigured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanSendEmail || !ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Email.Trim()) is { } user && throttle.MaySend(user.Email!))
        {
            var (to, link) = (user.Email!, await links.CreateAsync(user));
            // Sent after the answer, not before it: waiting for the mail server would make the answer
            // slower for an address with an account than for one without, which tells who has one.
            _ = Task.Run(async () =>
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AccountMail>().SendPasswordLinkAsync(to, link, CancellationToken.None);
            }, CancellationToken.None);
        }

        // The same answer whether or not the address has an account: the form must not reveal who has one.
        TempData["Flash"] = "If that address has an account, a link to set a new password is on its way.";
        return Redirect("/accounts/forgot-password/");
    }
}
