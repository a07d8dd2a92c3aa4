using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Accounts.Security;

// One linked outside identity: the provider's name as it was configured when the link was made, the
// subject the provider knows the person by, and the issuer (subjects are unique per issuer only).
public sealed record LinkedProvider(string Name, string Subject, string Issuer)
{
    // The name shown when the link was stored without one.
    public const string DefaultName = "OpenID Connect";

    public static LinkedProvider From(UserLoginInfo login) =>
        new(string.IsNullOrWhiteSpace(login.ProviderDisplayName) ? DefaultName : login.ProviderDisplayName, login.ProviderKey, login.LoginProvider);
}

// How the signed-in person signs in (password, linked provider, authenticator, passkeys) and the ways to change that.
public sealed class AccountSecurityModel(UserManager<User> users, SignInManager<User> signIn, AuthenticatorEnrolment enrolment) : PageModel
{
    public bool HasPassword { get; private set; }

    public IReadOnlyList<LinkedProvider> Providers { get; private set; } = [];

    public bool AuthenticatorOn { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    // Shown once, right after they were made.
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await enrolment.TurnOffAsync(user);
        TempData["Flash"] = "The authenticator is off. Other devices are logged out.";
        return await RefreshedAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user || !user.TwoFactorEnabled)
        {
            return NotFound();
        }

        NewRecoveryCodes = await enrolment.NewRecoveryCodesAsync(user);
        await LoadAsync();
        return Page();
    }

    // The key change ended every session of the account, this one's cookie included: give it a fresh one.
    private async Task<IActionResult> RefreshedAsync(User user)
    {
        await signIn.RefreshSignInAsync(user);
        return Redirect(SecurityModule.PageUrl);
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }

        HasPassword = user.PasswordHash is not null;
        Providers = [.. (await users.GetLoginsAsync(user)).Select(LinkedProvider.From)];
        AuthenticatorOn = user.TwoFactorEnabled;
        RecoveryCodesLeft = AuthenticatorOn ? await users.CountRecoveryCodesAsync(user) : 0;
        Passkeys = [.. await users.GetPasskeysAsync(user)];
        return true;
    }
}
