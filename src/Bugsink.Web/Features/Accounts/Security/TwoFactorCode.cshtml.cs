using Bugsink.Web.Features.Accounts.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Bugsink.Web.Features.Accounts.Security;

// The second step of a password login: a code from the authenticator app, or a recovery code in the same
// field. Wrong codes count towards Identity's lockout (MaxFailedAccessAttempts, 5), as wrong passwords do.
[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class TwoFactorCodeModel(SignInManager<User> signIn) : PageModel
{
    public const string WrongCode = "That code is not right. After 5 wrong codes the account is locked for 15 minutes.";

    public const string LockedOut = "Too many wrong codes: the account is locked for 15 minutes; an administrator can unlock it sooner.";

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool RememberBrowser { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(AccountsModule.LoginPath) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Redirect(AccountsModule.LoginPath);
        }

        var code = AuthenticatorEnrolment.Normalize(Code);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (AuthenticatorEnrolment.LooksLikeAuthenticatorCode(code))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code.Replace("-", "", StringComparison.Ordinal), RememberMe, RememberBrowser);
        }
        else
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            // Identity does not count wrong recovery codes; here they count like wrong authenticator codes.
            if (!result.Succeeded && !result.IsLockedOut && code.Length > 0)
            {
                await signIn.UserManager.AccessFailedAsync(user);
                result = await signIn.UserManager.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : result;
            }
        }

        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut ? LockedOut : WrongCode;
        return Page();
    }
}
