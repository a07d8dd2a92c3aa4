using System.Net;
using System.Text.RegularExpressions;

namespace Bugsink.Web.Tests.Infrastructure;

// Cookies and redirects for PageClient, kept here rather than by HttpClientHandler: behind an https
// BUGSINK_BASE_URL the server marks every cookie Secure (issue 19), while tests talk plain http to its
// loopback port, and a CookieContainer never sends a Secure cookie over http. So the jar keeps each cookie
// as a browser on the https site would, minus that one flag (HttpsCookieTests checks the flag itself).
public sealed partial class BrowserCookies(CookieContainer jar, bool followRedirects) : DelegatingHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
{
    private const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            var uri = request.RequestUri!;
            if (jar.GetCookieHeader(uri) is { Length: > 0 } cookies)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                jar.SetCookies(uri, SecureFlag().Replace(header, ""));
            }

            var status = (int)response.StatusCode;
            if (!followRedirects || status is < 300 or > 399 || response.Headers.Location is not { } location || hop == MaxRedirects)
            {
                return response;
            }

            // 303 and (as browsers do) 301/302 after a POST become a GET without a body; 307/308 keep both.
            var keep = status is 307 or 308;
            var next = new HttpRequestMessage(keep ? request.Method : HttpMethod.Get, new Uri(uri, location)) { Content = keep ? request.Content : null };
            foreach (var (name, value) in request.Headers.Where(h => h.Key is not "Cookie"))
            {
                next.Headers.TryAddWithoutValidation(name, value);
            }

            response.Dispose();
            request = next;
        }
    }

    [GeneratedRegex(@";\s*secure\s*(?=;|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecureFlag();
}
