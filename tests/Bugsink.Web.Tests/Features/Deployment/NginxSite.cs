using System.Globalization;
using Bugsink.Sentry.Auth;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Tests.Features.Deployment;

// The server, certificate and nginx that NginxProxyTests share. Without nginx nothing starts, and each
// test says so itself (NginxProcess.Available), which fails under BUGSINK_REQUIRE_ALL_TESTS=1.
public sealed class NginxSite : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bugsink-tests", "tls-" + Guid.NewGuid().ToString("N"));
    private NginxProcess? _nginx;

    public BugsinkTestServer Server { get; private set; } = null!;

    public LoopbackTls Tls { get; private set; } = null!;

    public string Origin { get; private set; } = "";

    public string BaseUrl => Origin + "/errors";

    public async Task InitializeAsync()
    {
        if (NginxProcess.FindBinary() is null)
        {
            return;
        }

        var port = LoopbackPort.Free();
        Origin = "https://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        Server = await BugsinkTestServer.StartAsync($"--Bugsink:BaseUrl={BaseUrl}", "--Bugsink:TrustedProxies=127.0.0.1");
        Tls = new LoopbackTls(_folder);
        _nginx = await NginxProcess.StartAsync(SiteConfig(port), port);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // What `create-project` prints: the DSN built from the configured base URL.
    public async Task<(string Dsn, string PublicKey)> CreateProjectAsync()
    {
        using var scope = Server.Services.CreateScope();
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
            ("listen 80;", $"listen 127.0.0.1:{LoopbackPort.Free()};"),
            ("listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;"),
            ("/etc/letsencrypt/live/bugsink.example.com/fullchain.pem", Tls.CertificatePath),
            ("/etc/letsencrypt/live/bugsink.example.com/privkey.pem", Tls.KeyPath),
            ("server 127.0.0.1:8000;", $"server 127.0.0.1:{Server.BaseAddress.Port};"),
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
