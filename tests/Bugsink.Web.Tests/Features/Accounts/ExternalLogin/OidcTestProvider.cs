using System.Diagnostics;
using Bugsink.Web.Tests.Features.Deployment;

namespace Bugsink.Web.Tests.Features.Accounts.ExternalLogin;

// The real npm oidc-provider (tests/oidc-provider/provider.mjs, installed by .ci/run with npm ci) as a child
// process on a free loopback port, with a client for a Bugsink at the given base URL.
public sealed class OidcTestProvider : IAsyncDisposable
{
    private static readonly string[] NodePaths = ["/usr/bin/node", "/usr/local/bin/node"];
    private readonly Process _process;

    private OidcTestProvider(Process process, string issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public const string ClientId = "bugsink";

    public const string ClientSecret = "bugsink-test-secret";

    public static string Folder => RepositoryFiles.Path(Path.Combine("tests", "oidc-provider"));

    // Why it cannot run here, or null when node and the package are installed.
    public static string? Missing()
    {
        var node = NodePaths.FirstOrDefault(File.Exists);
        return node is null ? "node is not installed"
            : !Directory.Exists(Path.Combine(Folder, "node_modules", "oidc-provider")) ? "tests/oidc-provider/node_modules is missing (npm ci in tests/oidc-provider)"
            : null;
    }

    public static async Task<OidcTestProvider> StartAsync(string bugsinkBaseUrl)
    {
        var start = new ProcessStartInfo(NodePaths.First(File.Exists))
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("provider.mjs");
        start.ArgumentList.Add(bugsinkBaseUrl);
        var process = Process.Start(start)!;
        // Its warnings (development keys, in-memory storage) go to stderr; drained so it never blocks.
        _ = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith("issuer ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("oidc-provider did not start: " + line);
        }

        return new OidcTestProvider(process, line["issuer ".Length..].Trim());
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its stdin ends it; killing is the fallback.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5_000))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
