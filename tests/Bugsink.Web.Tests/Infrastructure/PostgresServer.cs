using System.Diagnostics;
using Npgsql;

namespace Bugsink.Web.Tests.Infrastructure;

// A real PostgreSQL (Debian's, found under /usr/lib/postgresql) started once per test run with initdb in a
// temporary folder, listening on a free loopback port; each test takes a database of its own, owned by a
// role that is not a superuser, as on a managed database. Without the binaries a test says so and passes,
// unless BUGSINK_REQUIRE_ALL_TESTS=1 (set by .ci/run), where that fails. initdb refuses to run as root, so
// under root the server runs as the postgres user the Debian package creates.
public sealed class PostgresServer
{
    public const string Role = "bugsink";
    public const string RolePassword = "a test password: with @ and /";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static int _databases;

    private PostgresServer(int port) => Port = port;

    public int Port { get; }

    // The superuser's connection (trust authentication on loopback): for the test's own checks.
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static Task<PostgresServer> GetAsync()
    {
        var binaries = FindBinaries();
        if (binaries is null)
        {
            const string message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)";
            Assert.False(SampleEvents.RequireAll, message + " and BUGSINK_REQUIRE_ALL_TESTS=1");
            Skip.If(true, message);
        }

        return Shared.Value;
    }

    // A fresh, empty database owned by the unprivileged role; the answer is its Npgsql connection string.
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"bugsink_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER {Role}", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = name, Username = Role, Password = RolePassword,
        }.ConnectionString;
    }

    // The same database as a BUGSINK_DATABASE_URL, with the password percent-encoded as operators must.
    public string UrlFor(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{Role}:{Uri.EscapeDataString(RolePassword)}@127.0.0.1:{Port}/{builder.Database}";
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries()!;
        var root = Path.Combine(Path.GetTempPath(), "bugsink-postgres", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "postgres", root);
        }

        await RunAsync(Path.Combine(bin, "initdb"), asRoot, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        var port = LoopbackPort.Free();
        // Durability off: the tests need a real engine, not a crash-safe one, and two cores are shared.
        string[] serverArgs = ["-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", root,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300"];
        // The test host is often ended without its exit handlers running (vstest kills it), so a watchdog shell
        // beside the server stops it and removes its folder once this process is gone, however that happens.
        var watchdog = $"\"$0\" \"$@\" & pg=$!; while [ -d /proc/{Environment.ProcessId} ] && kill -0 $pg 2>/dev/null; do sleep 1; done; " +
            $"kill -INT $pg 2>/dev/null; wait $pg; rm -rf '{root}'";
        var server = Start("/bin/sh", asRoot, ["-c", watchdog, Path.Combine(bin, "postgres"), .. serverArgs]);
        var postgres = new PostgresServer(port);
        await postgres.WaitUntilReadyAsync(server);
        await using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
        await admin.OpenAsync();
        await using var role = new NpgsqlCommand($"CREATE ROLE {Role} LOGIN PASSWORD '{RolePassword.Replace("'", "''", StringComparison.Ordinal)}' NOSUPERUSER NOCREATEDB NOCREATEROLE", admin);
        await role.ExecuteNonQueryAsync();
        return postgres;
    }

    private async Task WaitUntilReadyAsync(Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static Process Start(string program, bool asPostgresUser, IEnumerable<string> args)
    {
        var process = Process.Start(Command(program, asPostgresUser, args))!;
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static Task RunAsync(string program, params string[] args) => RunAsync(program, false, args);

    private static async Task RunAsync(string program, bool asPostgresUser, params string[] args)
    {
        using var process = Process.Start(Command(program, asPostgresUser, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await errors}{await output}");
    }

    private static ProcessStartInfo Command(string program, bool asPostgresUser, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(asPostgresUser ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (asPostgresUser ? ["-u", "postgres", "--", program] : Array.Empty<string>()).Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
