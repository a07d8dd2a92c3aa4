using System.Globalization;
using Microsoft.Data.Sqlite;

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

    public static (string Email, string Password) Admin { get; } = ("benchmark@example.org", "Benchmark-1-" + Guid.NewGuid().ToString("N")[..12]);

    public string DllPath { get; }

    public string DataDir { get; }

    public Uri BaseUrl { get; }

    public ChildProcess Process => _process;

    // `settings` are extra `--Section:Key=value` arguments, e.g. to pause the digest.
    public static async Task<BugsinkServer> StartAsync(string dllPath, string dataDir, params string[] settings)
    {
        var baseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}/"));
        string[] arguments = [dllPath, "serve", "--urls", baseUrl.ToString().TrimEnd('/'), "--Bugsink:DataDir=" + dataDir, "--Bugsink:BaseUrl=" + baseUrl.ToString().TrimEnd('/'), .. settings];
        // Logs at Warning: the server's console logging must not become part of what is measured.
        // BUGSINK_ADMIN makes the server create this account at start-up, so the pages can be timed logged in.
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["BUGSINK_ADMIN"] = Admin.Email + ":" + Admin.Password,
        };
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

    // An installation token (administrator rights) for the API calls a scenario sets its projects up with.
    public async Task<string> CreateTokenAsync()
    {
        var lines = await DotnetHost.RunToEndAsync(
            [DllPath, "create-token", "--name", "benchmark", "--Bugsink:DataDir=" + DataDir, "--Bugsink:BaseUrl=" + BaseUrl.ToString().TrimEnd('/')],
            TimeSpan.FromSeconds(60));
        return lines[^1];
    }

    // Projects keep 10,000 events by default and evict older ones beyond that; a run sends far more. Lifting
    // the cap of the benchmark's own project keeps every event, so "stored == acknowledged" proves nothing
    // was lost and bytes per event measure storage rather than eviction leftovers. The retention watchdog
    // reads the cap from this column on its next check. Returns false when the schema has no such column.
    public bool KeepEveryEvent(long projectId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDir, "bugsink.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Projects SET RetentionMaxEvents = $cap WHERE Id = $id";
        command.Parameters.AddWithValue("$cap", int.MaxValue);
        command.Parameters.AddWithValue("$id", projectId);
        try
        {
            return command.ExecuteNonQuery() == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
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
