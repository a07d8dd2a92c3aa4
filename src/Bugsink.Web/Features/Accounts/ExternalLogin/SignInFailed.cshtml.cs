using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// Where every refused or failed outside sign-in ends: a fixed message per reason, with a 4xx status.
[AllowAnonymous]
public sealed class SignInFailedModel : PageModel
{
    public const string Path = "/accounts/login/failed/";

    [BindProperty(SupportsGet = true)]
    public ExternalRefusal Reason { get; set; }

    public string Message { get; private set; } = "";

    public static string PathFor(ExternalRefusal reason) => Path + "?reason=" + reason;

    public IActionResult OnGet()
    {
        (Response.StatusCode, Message) = Reason switch
        {
            ExternalRefusal.NoEmail => (403, "The identity provider did not give an email address, which Bugsink needs to find your account."),
            ExternalRefusal.DomainNotAllowed => (403, "Your email address is not in a domain allowed to sign in here. Ask an administrator."),
            ExternalRefusal.UnverifiedEmail => (403, "The identity provider has not verified your email address, so it cannot be matched to an account here."),
            ExternalRefusal.NoAccount => (403, "There is no account here for your email address. Ask an administrator to create one or invite you."),
            ExternalRefusal.Locked => (403, "This account is locked. Try again later or ask an administrator to unlock it."),
            _ => (400, "Signing in through the identity provider did not complete (the answer was refused, expired or already used). Try again."),
        };
        return Page();
    }
}
