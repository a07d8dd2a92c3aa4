using System.Net;
using AngleSharp.Html.Parser;
using Bugsink.Sentry.Auth;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Deployment;

// Bugsink behind a real nginx, configured from deploy/nginx-bugsink.conf as shipped (TLS, body
// limit, forwarded headers) with the documented change for a base path: BUGSINK_BASE_URL is
// https://127.0.0.1:PORT/errors and only nginx (127.0.0.1) is a trusted proxy. One server, nginx and
// certificate for the class (NginxSite): the tests only read, or add projects and events of their own.
[Collection(SequentialServers.Name)]
public sealed class NginxProxyTests(NginxSite site, ITestOutputHelper output) : IClassFixture<NginxSite>
{
    [Fact]
    public async Task PageUnderBasePath_LinksCarryThePrefix()
    {
        if (!NginxProcess.Available(output))
        {
            return;
        }

        using var http = new HttpClient(site.Tls.NewHandler());
        // Redirects (to a login page, say) are followed: each must stay under https://…/errors/, which
        // needs X-Forwarded-Proto and -Host to have been believed and the path base to be applied.
        using var response = await http.GetAsync(site.BaseUrl + "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(site.BaseUrl + "/", response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);

        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var stylesheet = document.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.NotNull(stylesheet);
        Assert.StartsWith("/errors/css/site.css", stylesheet, StringComparison.Ordinal);
        Assert.Equal("/errors/", document.QuerySelector("a.brand")?.GetAttribute("href"));

        using var css = await http.GetAsync(site.Origin + stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    // Issue 19: behind TLS every cookie is Secure, and HSTS arrives once (nginx's; Bugsink's is hidden).
    [Fact]
    public async Task BehindTls_CookiesAreSecure_AndHstsComesOnce()
    {
        if (!NginxProcess.Available(output))
        {
            return;
        }

        using var http = new HttpClient(site.Tls.NewHandler());
        using var response = await http.GetAsync(site.BaseUrl + "/accounts/login/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["max-age=31536000"], response.Headers.GetValues("Strict-Transport-Security"));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("bugsink.antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SdkWithDsnFromBaseUrl_EventStoredWithClientAddress()
    {
        if (!NginxProcess.Available(output))
        {
            return;
        }

        var (dsn, _) = await site.CreateProjectAsync();
        Assert.Matches($"^https://[0-9a-f]{{32}}@127\\.0\\.0\\.1:{new Uri(site.Origin).Port}/errors/[0-9]+$", dsn);

        // The real Sentry SDK, unmodified but for the handler (our certificate, client address 127.0.0.2).
        using var client = new SentryClient(new SentryOptions
        {
            Dsn = dsn,
            CacheDirectoryPath = null,
            SendClientReports = false,
            CreateHttpMessageHandler = () => site.Tls.NewHandler(),
        });
        var eventId = client.CaptureMessage("Sent through nginx under /errors", SentryLevel.Error).ToString();
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        await site.Server.WaitForEventsAsync(eventId);

        Assert.Equal(1, site.Server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '127.0.0.2'", ("$id", eventId)));
    }

    [Fact]
    public async Task ForgedForwardedFor_IsNotBelieved()
    {
        if (!NginxProcess.Available(output))
        {
            return;
        }

        var (dsn, publicKey) = await site.CreateProjectAsync();
        Assert.True(Dsn.TryParse(dsn, out var parsed));
        using var http = new HttpClient(site.Tls.NewHandler());
        var eventId = Envelopes.NewEventId();
        var answer = await http.PostAsync(
            $"{site.Origin}{parsed.PathPrefix}/api/{parsed.ProjectId}/envelope/",
            Envelopes.EventEnvelope(eventId),
            $"Sentry sentry_version=7,sentry_key={publicKey}",
            null,
            ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(200, answer.Status);
        await site.Server.WaitForEventsAsync(eventId);

        // nginx appends the real client to the forged value; Bugsink reads from the right and stops at
        // the first address that is not a trusted proxy.
        Assert.Equal(1, site.Server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '127.0.0.2'", ("$id", eventId)));
    }

    [Fact]
    public async Task HealthUnderBasePath_AndOversizedBody_AnsweredThroughProxy()
    {
        if (!NginxProcess.Available(output))
        {
            return;
        }

        using var http = new HttpClient(site.Tls.NewHandler());
        using var ready = await http.GetAsync(site.BaseUrl + "/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // client_max_body_size matches Bugsink:Ingest:MaxCompressedBytes (20 MiB): nginx refuses more.
        using var tooLarge = new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]);
        using var refused = await http.PostAsync(site.BaseUrl + "/api/1/envelope/", tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }
}
