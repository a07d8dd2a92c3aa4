using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Bugsink.Web.Features.Accounts.SignIn;

namespace Bugsink.Web.Features.Accounts.Security;

// Setting up an authenticator app: the QR code and the key, then a first code to prove the app has it.
// Reached from the account page (signed in) or, when RequireTwoFactor applies, straight after the password
// (holding only the "passed the password" cookie); then confirming also completes the sign-in.
[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class EnableAuthenticatorModel(SignInManager<User> signIn, AuthenticatorEnrolment enrolment) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AuthenticatorSetup? Setup { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string ContinueUrl => Required ? (Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/") : SecurityModule.PageUrl;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentUserAsync() is not { } user)
        {
            return Redirect(AccountsModule.LoginPath);
        }

        if (user.TwoFactorEnabled)
        {
            return Redirect(SecurityModule.PageUrl);
        }

        Setup = await enrolment.SetupAsync(user);
        if (Setup.KeyIsNew && User.Identity?.IsAuthenticated == true)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CurrentUserAsync() is not { } user)
        {
            return Redirect(AccountsModule.LoginPath);
        }

        if (user.TwoFactorEnabled)
        {
            return Redirect(SecurityModule.PageUrl);
        }

        if (await enrolment.ConfirmAsync(user, Code) is not { } codes)
        {
            Error = "That code does not match. Enter the 6-digit code your app shows now.";
            Setup = await enrolment.SetupAsync(user);
            return Page();
        }

        RecoveryCodes = codes;
        if (Required)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signIn.SignInAsync(user, RememberMe);
        }
        else
        {
            await signIn.RefreshSignInAsync(user);
        }

        return Page();
    }

    // The signed-in user, or (only for enrolment made compulsory) the one who has just passed the password.
    private async Task<User?> CurrentUserAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return await signIn.UserManager.GetUserAsync(User);
        }

        return Required ? await signIn.GetTwoFactorAuthenticationUserAsync() : null;
    }
}
