using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Infrastructure;

// The real server as a child process (`dotnet bugsink.dll serve`), so a test can SIGKILL it: unlike the
// in-process BugsinkTestServer, nothing gets to run a shutdown path. Restarts reuse port and data folder.
public sealed partial class ServerProcess : IAsyncDisposable
{
    // Generous: a restart after a kill under load (two cores shared with the rest of the suite) took over 30 s
    // in CI once; a server that starts never waits for the limit.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string[] _extraArgs;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _exceptions = new();
    private Process? _process;

    private ServerProcess(string dataDir, int port, string[] extraArgs, IReadOnlyDictionary<string, string> environment)
    {
        Environment = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        DataDir = dataDir;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _extraArgs = extraArgs;
        Http = NewClient();
    }

    public string DataDir { get; }

    // Variables set for the server process (an empty value sets it empty); read again on restart.
    public Dictionary<string, string> Environment { get; }

    public Uri BaseAddress { get; }

    // Replaced on restart so no pooled connection to the killed process is reused.
    public HttpClient Http { get; private set; }

    public string RecentOutput => string.Join('\n', _output);

    // The running server's process id, for reading its memory from /proc.
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not running.");

    // Every line the server logged at error or critical level ("fail:", "crit:") or as an unhandled
    // exception, over all its runs: a test that must see none reads this.
    public IReadOnlyList<string> LoggedErrors => [.. _errors];

    // Every exception the server printed, at any level (a warning with a stack trace counts), over all its runs.
    public IReadOnlyList<string> LoggedExceptions => [.. _exceptions];

    public static Task<ServerProcess> StartAsync(params string[] extraArgs) => StartAsync(new Dictionary<string, string>(), extraArgs);

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bugsink-tests", Guid.NewGuid().ToString("N"));
        var server = new ServerProcess(dataDir, LoopbackPort.Free(), extraArgs, environment);
        try
        {
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    // `create-project` in its own process, the way an operator does it; its last line is the DSN.
    public async Task<TestProject> CreateProjectAsync(string name)
    {
        using var process = NewProcess(["create-project", name, $"--Bugsink:DataDir={DataDir}", $"--Bugsink:BaseUrl={BaseAddress.ToString().TrimEnd('/')}"]);
        process.Start();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(StartTimeout);
        await process.WaitForExitAsync().WaitAsync(StartTimeout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(process.ExitCode == 0 && lines.Length > 0, $"create-project failed ({process.ExitCode}):\n{stdout}\n{await stderr}");
        var dsn = new Uri(lines[^1]);
        return new TestProject(long.Parse(dsn.AbsolutePath.Trim('/'), CultureInfo.InvariantCulture), dsn.UserInfo, lines[^1]);
    }

    // SIGKILL on Linux: no shutdown hooks, no flush, what an OOM kill leaves behind. The server starts no
    // children, and walking the process tree first would delay the signal by milliseconds the digest can use.
    public void Kill()
    {
        if (_process is { } process)
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    public async Task RestartAsync()
    {
        Kill();
        Http.Dispose();
        Http = NewClient();
        await LaunchAsync();
    }

    public long InboxCount() => Scalar("inbox.db", "SELECT count(*) FROM inbox_events");

    public long EventCount() => Scalar("bugsink.db", "SELECT count(*) FROM Events");

    // Inbox rows above the digest's watermark: acknowledged and not yet digested. Rows at or below it are
    // digested already, left behind when a kill falls between the main commit and the inbox delete.
    // Two files read one after the other: exact only while the server is dead.
    public long PendingCount() => Scalar(
        "inbox.db", "SELECT count(*) FROM inbox_events WHERE id > $w", Scalar("bugsink.db", "SELECT LastInboxEventId FROM DigestProgress WHERE Id = 1"));

    // Reads a data file as an operator with sqlite3 would; unpooled so nothing keeps the files open.
    public long Scalar(string file, string sql, long w = 0)
    {
        using var connection = OpenFile(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$w", w);
        return command.ExecuteScalar() is long result ? result : 0;
    }

    // Event id -> number of rows in Events with that id.
    public Dictionary<string, long> StoredEventCounts()
    {
        using var connection = OpenFile("bugsink.db");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EventId, count(*) FROM Events GROUP BY EventId";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    // Every acknowledged id exactly once, and no id twice at all; the message names the first offenders.
    public static void AssertExactlyOnce(IReadOnlyCollection<string> acked, Dictionary<string, long> stored)
    {
        var lost = acked.Where(id => !stored.ContainsKey(id)).ToList();
        var duplicated = stored.Where(pair => pair.Value != 1).Select(pair => $"{pair.Key} x{pair.Value}").ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acked.Count} acknowledged events were lost, e.g. {string.Join(", ", lost.Take(10))}");
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} events are stored more than once, e.g. {string.Join(", ", duplicated.Take(10))}");
    }

    public async Task WaitForDrainAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (InboxCount() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The inbox still holds {InboxCount()} events.\n{RecentOutput}");
            await Task.Delay(100);
        }
    }

    // Each sender posts single-event envelopes until `count` were attempted in total or `stop` fires; ids
    // answered 200 go to `acked`. A request cut off by a kill is simply not acknowledged. Returns failures.
    public async Task<int> SendEventsAsync(TestProject project, int count, int senders, ConcurrentQueue<string> acked, CancellationToken stop)
    {
        var (path, auth, http) = ($"/api/{project.Id}/envelope/", $"Sentry sentry_key={project.PublicKey}, sentry_version=7", Http);
        int attempted = 0, failed = 0;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref attempted) <= count)
            {
                var id = Envelopes.NewEventId();
                try
                {
                    if ((await http.PostAsync(path, Envelopes.EventEnvelope(id), auth)).Status == 200)
                    {
                        acked.Enqueue(id);
                        continue;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    // The server died under this request.
                }

                Interlocked.Increment(ref failed);
            }
        }, CancellationToken.None)));
        return failed;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private async Task LaunchAsync()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = NewProcess(["serve", "--urls", BaseAddress.ToString().TrimEnd('/'), $"--Bugsink:DataDir={DataDir}", .. _extraArgs]);
        foreach (var (name, value) in Environment)
        {
            process.StartInfo.Environment[name] = value;
        }

        process.OutputDataReceived += (_, e) => Record(e.Data, listening);
        process.ErrorDataReceived += (_, e) => Record(e.Data, null);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The server exited early.\n{RecentOutput}"));
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(StartTimeout);
    }

    // Keeps the tail for failure messages (bounded: the server may be chatty) and spots the start-up line.
    private void Record(string? line, TaskCompletionSource? listening)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _ = _output.Count > 200 && _output.TryDequeue(out _);
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) || line.StartsWith("Unhandled exception", StringComparison.Ordinal))
        {
            _errors.Enqueue(line);
        }

        if (ExceptionLine().IsMatch(line))
        {
            _exceptions.Enqueue(line.Trim());
        }
        if (line.Contains("Bugsink is listening on", StringComparison.Ordinal))
        {
            listening?.TrySetResult();
        }
    }

    // The test project references src/Bugsink.Web, so bugsink.dll and its runtimeconfig sit beside the tests;
    // the dotnet CLI sets DOTNET_HOST_PATH for the processes it starts, the test host among them.
    private static Process NewProcess(string[] args)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "bugsink.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return new Process { StartInfo = start };
    }

    private SqliteConnection OpenFile(string file)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, file)};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    private HttpClient NewClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };


    // How the console logger prints an exception: its type name, maybe its HRESULT, then the message.
    [GeneratedRegex(@"^\s*[\w.]+Exception( \(0x[0-9A-Fa-f]+\))?: ")]
    private static partial Regex ExceptionLine();
}
