using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class LoginModel(
    SignInManager<User> signIn, RecentLoginFailures failures, DummyPassword dummy, TimeProvider time, IOptions<AccountsOptions> options,
    IOptions<ExternalLogin.OidcOptions> oidc) : PageModel
{
    // The one answer to every failure: unknown address, wrong password, locked account. Telling them
    // apart would tell a stranger which addresses have an account.
    public const string Failure =
        "That email address and password do not match an account. After 5 failed attempts an account is locked for 15 minutes; an administrator can unlock it sooner.";

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

    // ?password=1 (read from the query, also by the form's POST, which has no action and so keeps it): the
    // administrators' way in when PasswordLogin=false and BreakGlass=true. Not a bound property: model
    // binding ignores case, and "password" is also the password field.
    public bool IsBreakGlass => !options.Value.PasswordLogin && options.Value.BreakGlass && Request.Query["password"] == "1";

    public bool ShowsPasswordForm => options.Value.PasswordLogin || IsBreakGlass;

    // The "Sign in with …" button's text, when OpenID Connect is configured.
    public string? ProviderButton => oidc.Value.Enabled ? oidc.Value.DisplayName : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ShowsPasswordForm)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!ModelState.IsValid)
        {
            Error = "Enter your email address and password.";
            return Page();
        }

        var user = await signIn.UserManager.FindByNameAsync(Email.Trim());
        // Break-glass is for administrators only: anyone else gets the answer of a wrong password.
        if (IsBreakGlass && user?.IsAdmin != true)
        {
            user = null;
        }

        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            failures.Forget(user!.Id);
            // The authenticator code, or enrolment when RequireTwoFactor applies (Accounts/Security).
            if (await SecondFactorStep.NextAsync(HttpContext, signIn, user, result, options.Value.RequireTwoFactor, RememberMe, ReturnUrl) is { } next)
            {
                return LocalRedirect(next);
            }

            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // Every failure costs one password hash, so the time taken does not tell an unknown address or a
        // locked account (which Identity answers without hashing) from a wrong password.
        if (user?.PasswordHash is null || result.IsLockedOut)
        {
            dummy.Verify(signIn.UserManager.PasswordHasher, Password);
        }
        else if (failures.RecordAndCheck(user.Id))
        {
            await signIn.UserManager.SetLockoutEndDateAsync(user, time.GetUtcNow() + signIn.Options.Lockout.DefaultLockoutTimeSpan);
        }

        Error = Failure;
        return Page();
    }
}
