using Bugsink.Web.Features.Api;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SentryApi;

// The project's API tokens as `Authorization: Bearer TOKEN`, answered the way Sentry answers, so that
// sentry-cli prints its usual messages: 401 {"detail": "Invalid token"} for an unknown token, and 404
// for an organization slug other than this installation's. Authentication is middleware, not an
// endpoint filter: filters run after the handler's ClaimsPrincipal parameter has been bound.
public static class SentryAuthentication
{
    public static WebApplication UseSentryApiAuthentication(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(SentryApiModule.Prefix), branch => branch.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(ApiTokenAuthentication.SchemeName);
            if (result.Succeeded)
            {
                context.User = result.Principal;
            }
            else if (BearerToken.From(context.Request) is not null)
            {
                await WriteAsync(context, "Invalid token");
                return;
            }
            else if (context.Request.Path.Value?.TrimEnd('/') != SentryApiModule.Prefix)
            {
                // Only the index (GET /api/0/) answers without a token, with "auth": null.
                await WriteAsync(context, "Authentication credentials were not provided.");
                return;
            }
            else
            {
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }

            await next(context);
        }));
        return app;
    }

    private static Task WriteAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new { detail }, SentryJson.Options);
    }
}

public sealed class SentryOrganizationFilter(IOptions<SentryApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("org", out var org)
            && !string.Equals(org as string, options.Value.Organization, StringComparison.OrdinalIgnoreCase))
        {
            return SentryJson.NotFound();
        }

        return await next(context);
    }
}
