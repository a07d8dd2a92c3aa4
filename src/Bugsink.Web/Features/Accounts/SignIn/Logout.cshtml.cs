using Bugsink.Web.Features.Accounts.ExternalLogin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

// Logging out is a POST (with antiforgery) so that no link or image on another site can do it.
// It ends every session of the account, on every device: the cookie carries no server-side session to
// end alone, and a copy of it (taken from a shared machine, a proxy's log) must stop working now.
// A session that came from the OpenID provider also ends there (RP-initiated logout).
public sealed class LogoutModel(SignInManager<User> signIn, IOptions<OidcOptions> oidc) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Kept in the session cookie by OidcEvents; read before the cookie is gone.
        var idToken = oidc.Value.Enabled ? await HttpContext.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token") : null;
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Flash"] = "You are logged out.";
        if (idToken is not null)
        {
            var properties = new AuthenticationProperties { RedirectUri = Url.Content("~" + AccountsModule.LoginPath) };
            properties.SetParameter(OidcEvents.IdTokenHint, idToken);
            return SignOut(properties, OidcOptions.Scheme);
        }

        return Redirect(AccountsModule.LoginPath);
    }
}
