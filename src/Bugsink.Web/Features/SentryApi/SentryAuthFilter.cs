using Bugsink.Web.Features.Api;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SentryApi;

// The project's API tokens as `Authorization: Bearer TOKEN`, answered the way Sentry answers, so that
// sentry-cli prints its usual messages: 401 {"detail": "Invalid token"} for an unknown token, and 404
// for an organization slug other than this installation's.
public sealed class SentryAuthFilter(IOptions<SentryApiOptions> options, bool allowAnonymous = false) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await http.AuthenticateAsync(ApiTokenAuthentication.SchemeName);
        if (result.Succeeded)
        {
            http.User = result.Principal;
        }
        else if (BearerToken.From(http.Request) is not null)
        {
            return SentryJson.Detail(StatusCodes.Status401Unauthorized, "Invalid token");
        }
        else if (!allowAnonymous)
        {
            return SentryJson.Detail(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.");
        }

        if (http.Request.RouteValues.TryGetValue("org", out var org)
            && !string.Equals(org as string, options.Value.Organization, StringComparison.OrdinalIgnoreCase))
        {
            return SentryJson.NotFound();
        }

        return await next(context);
    }
}
