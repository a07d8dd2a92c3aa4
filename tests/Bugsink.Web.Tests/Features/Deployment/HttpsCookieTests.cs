using System.Net;
using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Deployment;

// Issue 19, found 9: behind TLS (an https BUGSINK_BASE_URL; TLS ends at the proxy) every cookie the server
// sets is Secure and every answer carries HSTS. Cookies are handled by hand here: a cookie container would
// not send Secure cookies back over the test's plain http.
[Collection(SequentialServers.Name)]
public sealed partial class HttpsCookieTests
{
    [Fact]
    public async Task HttpsBaseUrl_MakesEveryCookieSecure_AndSendsHsts()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:BaseUrl=https://bugsink.example.com");
        await server.CreateUserAsync("ann@example.com");
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var jar = new Dictionary<string, string>();
        var setCookies = new List<string>();

        var login = await SendAsync(http, HttpMethod.Get, "/accounts/login/", null, jar, setCookies);
        Assert.Equal("max-age=31536000", login.Headers.GetValues("Strict-Transport-Security").Single());
        var loggedIn = await SendAsync(http, HttpMethod.Post, "/accounts/login/", new()
        {
            ["Email"] = "ann@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
            ["__RequestVerificationToken"] = TokenIn(await login.Content.ReadAsStringAsync()),
        }, jar, setCookies);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        var projects = await SendAsync(http, HttpMethod.Get, "/projects/", null, jar, setCookies);
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        var logout = await SendAsync(http, HttpMethod.Post, "/accounts/logout/", new()
        {
            ["__RequestVerificationToken"] = TokenIn(await projects.Content.ReadAsStringAsync()),
        }, jar, setCookies);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // The antiforgery cookie, the session, and the flash message's TempData cookie at least.
        var names = setCookies.Select(c => c.Split('=')[0]).Distinct().ToList();
        Assert.Contains("bugsink.antiforgery", names);
        Assert.Contains("bugsink.session", names);
        Assert.Contains(names, n => n.Contains("TempData", StringComparison.Ordinal));
        Assert.All(setCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("http://bugsink.example.com")]
    [InlineData("https://bugsink.example.com", "--Bugsink:Https:HstsMaxAgeDays=0")]
    public async Task NoHsts_OverHttpOrWhenTurnedOff(string baseUrl, params string[] settings)
    {
        await using var server = await BugsinkTestServer.StartAsync(["--Bugsink:BaseUrl=" + baseUrl, .. settings]);
        using var response = await server.Http.GetAsync("/accounts/login/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, Dictionary<string, string>? form, Dictionary<string, string> jar, List<string> setCookies)
    {
        var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        if (jar.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            setCookies.Add(header);
            var pair = header.Split(';')[0].Split('=', 2);
            jar[pair[0]] = pair[1];
        }

        return response;
    }

    private static string TokenIn(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
