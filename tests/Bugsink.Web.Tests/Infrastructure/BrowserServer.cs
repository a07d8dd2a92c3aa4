using System.Globalization;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Infrastructure;

// One Bugsink and one Chromium for a browser test class. The server's base URL is on "localhost", not an IP
// address: WebAuthn (passkeys) refuses IP addresses, and the relying party is the base URL's host.
public class BrowserServer : IAsyncLifetime
{
    private readonly string[] _settings;
    private Browser? _browser;

    public BrowserServer()
        : this([])
    {
    }

    // Settings a derived fixture adds (e.g. RequireTwoFactor).
    protected BrowserServer(string[] settings) => _settings = settings;

    public BugsinkTestServer Server { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        BaseAddress = new Uri($"http://localhost:{port}/");
        Server = await BugsinkTestServer.StartAsync(["--urls", "http://127.0.0.1:" + port, "--Bugsink:BaseUrl=http://localhost:" + port, .. _settings]);
    }

    // The class's one browser, launched by the first test that needs it (skips or fails as Browser.LaunchAsync says).
    public async Task<Browser?> BrowserAsync(ITestOutputHelper output) => _browser ??= await Browser.LaunchAsync(output);

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

}
