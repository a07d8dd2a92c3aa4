using Bugsink.Web.Features.Accounts.ExternalLogin;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Web;

// Runs first in the pipeline, before ingest and the pages: everything after it sees the client's
// address and scheme (when a trusted proxy says so) and paths without the base URL's prefix.
public static class ReverseProxySetup
{
    public static IApplicationBuilder UseReverseProxySupport(this IApplicationBuilder app)
    {
        var site = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        if (TrustedProxies.ToForwardedHeadersOptions(site.TrustedProxies) is { } forwarded)
        {
            // The trusted-header login must know who connected, which the forwarded headers replace. Only
            // installed when that login is on: every other request, ingest's included, pays nothing for it.
            if (app.ApplicationServices.GetRequiredService<IOptions<TrustedHeaderOptions>>().Value.Enabled)
            {
                app.Use((context, next) =>
                {
                    context.Features.Set(new ConnectingPeer(context.Connection.RemoteIpAddress));
                    return next(context);
                });
            }
            app.UseForwardedHeaders(forwarded);
        }

        // BUGSINK_BASE_URL=https://example.com/errors: "/errors" becomes the PathBase, so links that
        // pages build with "~/" carry it, and ingest (which matches /api/{id}/envelope/ by suffix) and
        // the health endpoints work with or without it. A proxy that strips the prefix works too.
        var basePath = BasePath(site.BaseUrl);
        if (basePath.HasValue)
        {
            app.UsePathBase(basePath);
        }

        return app;
    }

    // The address of whoever opened the connection (the proxy, when there is one); set only when proxies are trusted.
    public sealed record ConnectingPeer(System.Net.IPAddress? Address);

    public static PathString BasePath(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Bugsink:BaseUrl (BUGSINK_BASE_URL) '{baseUrl}' is not an absolute http(s) URL.");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return path.Length == 0 ? PathString.Empty : PathString.FromUriComponent(path);
    }
}
