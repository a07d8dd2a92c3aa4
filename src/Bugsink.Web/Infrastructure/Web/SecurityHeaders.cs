using Bugsink.Web.Features.Accounts.ExternalLogin;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Web;

// Every byte of an event is written by a stranger (DESIGN.md "Security"): pages allow no inline
// script and no framing, on top of HTML-encoding everything they print.
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // Logging out is a form whose answer redirects to the OpenID provider's logout (RP-initiated
        // logout), and form-action also governs where a form's redirects may go.
        var oidc = app.ApplicationServices.GetRequiredService<IOptions<OidcOptions>>().Value;
        var policy = oidc.Enabled && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            ? ContentSecurityPolicy + " " + authority.GetLeftPart(UriPartial.Authority)
            : ContentSecurityPolicy;
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = policy;
                    headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
