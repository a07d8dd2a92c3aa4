using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// The "Sign in with …" button's target: sends the browser to the provider (a link, so no script and no form).
[AllowAnonymous]
public sealed class OidcChallengeModel(IOptions<OidcOptions> oidc) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (!oidc.Value.Enabled)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.Content(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "~/") };
        return Challenge(properties, OidcOptions.Scheme);
    }
}
