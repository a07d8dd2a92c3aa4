using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Bugsink.Sentry.Auth;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Deployment;

// Bugsink behind a real nginx, configured from deploy/nginx-bugsink.conf as shipped (TLS, body
// limit, forwarded headers) with the documented change for a base path: BUGSINK_BASE_URL is
// https://127.0.0.1:PORT/errors and only nginx (127.0.0.1) is a trusted proxy.
[Collection(SequentialServers.Name)]
public sealed class NginxProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bugsink-tests", "tls-" + Guid.NewGuid().ToString("N"));
    private BugsinkTestServer? _server;
    private NginxProcess? _nginx;
    private LoopbackTls? _tls;
    private string _origin = "";

    private string BaseUrl => _origin + "/errors";

    public async Task InitializeAsync()
    {
        if (!NginxProcess.Available(output))
        {
            return;
        }

        var port = NginxProcess.FreePort();
        _origin = "https://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        _server = await BugsinkTestServer.StartAsync($"--Bugsink:BaseUrl={BaseUrl}", "--Bugsink:TrustedProxies=127.0.0.1");
        _tls = new LoopbackTls(_folder);
        _nginx = await NginxProcess.StartAsync(SiteConfig(port), port);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task PageUnderBasePath_LinksCarryThePrefix()
    {
        if (_server is null)
        {
            return;
        }

        using var http = new HttpClient(_tls!.NewHandler());
        // Redirects (to a login page, say) are followed: each must stay under https://…/errors/, which
        // needs X-Forwarded-Proto and -Host to have been believed and the path base to be applied.
        using var response = await http.GetAsync(BaseUrl + "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(BaseUrl + "/", response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);

        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var stylesheet = document.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.NotNull(stylesheet);
        Assert.StartsWith("/errors/css/site.css", stylesheet, StringComparison.Ordinal);
        Assert.Equal("/errors/", document.QuerySelector("a.brand")?.GetAttribute("href"));

        using var css = await http.GetAsync(_origin + stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SdkWithDsnFromBaseUrl_EventStoredWithClientAddress()
    {
        if (_server is null)
        {
            return;
        }

        var (dsn, _) = await CreateProjectAsync();
        Assert.Matches($"^https://[0-9a-f]{{32}}@127\\.0\\.0\\.1:{new Uri(_origin).Port}/errors/[0-9]+$", dsn);

        // The real Sentry SDK, unmodified but for the handler (our certificate, client address 127.0.0.2).
        using var client = new SentryClient(new SentryOptions
        {
            Dsn = dsn,
            CacheDirectoryPath = null,
            SendClientReports = false,
            CreateHttpMessageHandler = () => _tls!.NewHandler(),
        });
        var eventId = client.CaptureMessage("Sent through nginx under /errors", SentryLevel.Error).ToString();
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForEventsAsync(eventId);

        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '127.0.0.2'", ("$id", eventId)));
    }

    [Fact]
    public async Task ForgedForwardedFor_IsNotBelieved()
    {
        if (_server is null)
        {
            return;
        }

        var (dsn, publicKey) = await CreateProjectAsync();
        Assert.True(Dsn.TryParse(dsn, out var parsed));
        using var http = new HttpClient(_tls!.NewHandler());
        var eventId = Envelopes.NewEventId();
        var answer = await http.PostAsync(
            $"{_origin}{parsed.PathPrefix}/api/{parsed.ProjectId}/envelope/",
            Envelopes.EventEnvelope(eventId),
            $"Sentry sentry_version=7,sentry_key={publicKey}",
            null,
            ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(200, answer.Status);
        await _server.WaitForEventsAsync(eventId);

        // nginx appends the real client to the forged value; Bugsink reads from the right and stops at
        // the first address that is not a trusted proxy.
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '127.0.0.2'", ("$id", eventId)));
    }

    [Fact]
    public async Task HealthUnderBasePath_AndOversizedBody_AnsweredThroughProxy()
    {
        if (_server is null)
        {
            return;
        }

        using var http = new HttpClient(_tls!.NewHandler());
        using var ready = await http.GetAsync(BaseUrl + "/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // client_max_body_size matches Bugsink:Ingest:MaxCompressedBytes (20 MiB): nginx refuses more.
        using var tooLarge = new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]);
        using var refused = await http.PostAsync(BaseUrl + "/api/1/envelope/", tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }

    // What `create-project` prints: the DSN built from the configured base URL.
    private async Task<(string Dsn, string PublicKey)> CreateProjectAsync()
    {
        using var scope = _server!.Services.CreateScope();
        var project = await ActivatorUtilities.CreateInstance<ProjectCreator>(scope.ServiceProvider).CreateAsync("Proxy App", null, CancellationToken.None);
        var site = scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value;
        return (Dsn.Format(site.BaseUrl, project.PublicKey, project.Id), project.PublicKey);
    }

    // The shipped example with only what differs on a test machine: loopback ports instead of 80/443,
    // no IPv6 listeners, the test certificate, the test server's port, and the documented base path.
    private string SiteConfig(int port)
    {
        var example = RepositoryFiles.Read("deploy/nginx-bugsink.conf");
        var replacements = new (string From, string To)[]
        {
            ("listen 80;", $"listen 127.0.0.1:{NginxProcess.FreePort()};"),
            ("listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;"),
            ("/etc/letsencrypt/live/bugsink.example.com/fullchain.pem", _tls!.CertificatePath),
            ("/etc/letsencrypt/live/bugsink.example.com/privkey.pem", _tls.KeyPath),
            ("server 127.0.0.1:8000;", $"server 127.0.0.1:{_server!.BaseAddress.Port};"),
            ("location / {", "location /errors/ {"),
        };
        foreach (var (from, to) in replacements)
        {
            Assert.True(example.Contains(from, StringComparison.Ordinal), $"deploy/nginx-bugsink.conf no longer contains '{from}'; update this test with it.");
            example = example.Replace(from, to, StringComparison.Ordinal);
        }

        return string.Join('\n', example.Split('\n').Where(line => !line.TrimStart().StartsWith("listen [::]", StringComparison.Ordinal)));
    }
}
