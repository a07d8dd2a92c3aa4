using System.Globalization;

namespace Bugsink.Benchmarks.Servers;

// The real server as a separate process, exactly as deployed (`bugsink serve`), on a fresh data folder,
// so its memory and CPU are its own and not mixed with the load generator's.
public sealed class BugsinkServer : IDisposable
{
    private readonly ChildProcess _process;

    private BugsinkServer(ChildProcess process, string dllPath, string dataDir, Uri baseUrl)
    {
        _process = process;
        DllPath = dllPath;
        DataDir = dataDir;
        BaseUrl = baseUrl;
    }

    public string DllPath { get; }

    public string DataDir { get; }

    public Uri BaseUrl { get; }

    public ChildProcess Process => _process;

    public static async Task<BugsinkServer> StartAsync(string dllPath, string dataDir)
    {
        var baseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}/"));
        var arguments = new[] { dllPath, "serve", "--urls", baseUrl.ToString().TrimEnd('/'), "--Bugsink:DataDir=" + dataDir, "--Bugsink:BaseUrl=" + baseUrl.ToString().TrimEnd('/') };
        // Logs at Warning: the server's console logging must not become part of what is measured.
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["DOTNET_ENVIRONMENT"] = "Production" };
        var process = await ChildProcess.StartAsync(arguments, "Bugsink is listening on", environment, TimeSpan.FromSeconds(60));
        return new BugsinkServer(process, dllPath, dataDir, baseUrl);
    }

    // `create-project` works while the server runs; its last line of output is the DSN.
    public async Task<string> CreateProjectAsync(string name)
    {
        var lines = await DotnetHost.RunToEndAsync(
            [DllPath, "create-project", name, "--Bugsink:DataDir=" + DataDir, "--Bugsink:BaseUrl=" + BaseUrl.ToString().TrimEnd('/')],
            TimeSpan.FromSeconds(60));
        return lines[^1];
    }

    // The server is killed, not stopped gracefully: its data folder is deleted right after.
    public void Dispose() => _process.Dispose();

    // The copy the project reference put beside us is the Release build when we are run with -c Release.
    public static string FindDll(string? overridePath)
    {
        var path = overridePath ?? Path.Combine(AppContext.BaseDirectory, "bugsink.dll");
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException("bugsink.dll not found; build src/Bugsink.Web or pass --server-dll", path);
    }
}
