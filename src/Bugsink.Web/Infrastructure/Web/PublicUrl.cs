using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Web;

// Absolute links the server hands out (API pages, downloads) start with BUGSINK_BASE_URL, like DSNs and
// email links: never with the request's Host header, which the client chooses (a poisoned cache, a link
// shared from a request sent to another name).
public static class PublicUrl
{
    // path: within the base URL's path (what Request.Path is once UsePathBase took the prefix off).
    public static string For(SiteOptions site, PathString path, QueryString query = default) =>
        site.BaseUrl.TrimEnd('/') + path.ToUriComponent() + query.ToUriComponent();

    public static string For(HttpRequest request, PathString path, QueryString query = default) =>
        For(request.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value, path, query);
}
