using Bugsink.Web.Features.Accounts.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Bugsink.Web.Features.Accounts.Security.Passkeys;

// Logging in with a passkey instead of a password (the login page's button, wwwroot/js/passkeys.js): request
// options for any passkey of this site (the authenticator offers its discoverable ones), then the signed
// assertion as a form post. A passkey is possession plus the device's own verification, so no code follows.
[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class PasskeyLoginModel(SignInManager<User> signIn) : PageModel
{
    public const string Failure = "That passkey does not log in to an account here. It may have been removed; log in another way.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => Redirect(AccountsModule.LoginPath);

    public async Task<IActionResult> OnPostOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    public async Task<IActionResult> OnPostAsync(string? credentialJson)
    {
        var result = string.IsNullOrWhiteSpace(credentialJson)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await SignInAsync(credentialJson);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut ? "This account is locked for now; an administrator can unlock it sooner." : Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    // Identity throws when no assertion was started in this browser (a post without the options step, or
    // after its cookie expired): that is a refused sign-in, not a server error.
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(string credentialJson)
    {
        try
        {
            return await signIn.PasskeySignInAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
    }
}
