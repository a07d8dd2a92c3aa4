using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bugsink.E2E.Server;

// The real server as a child process (`dotnet bugsink.dll serve`) on a free loopback port with a fresh
// data folder, and its CLI commands run the way an operator runs them, while it serves.
public sealed class BugsinkServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private readonly string _serverDll;
    private readonly StreamWriter _log;
    private Process? _process;

    private BugsinkServer(string serverDll, string dataDir, int port, string logPath)
    {
        _serverDll = serverDll;
        DataDir = dataDir;
        BaseUrl = $"http://127.0.0.1:{port}";
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public string DataDir { get; }

    public string BaseUrl { get; }

    public string LogPath { get; }

    public static async Task<BugsinkServer> StartAsync(string serverDll, string dataDir, string logPath)
    {
        Directory.CreateDirectory(dataDir);
        var server = new BugsinkServer(serverDll, dataDir, FreePort(), logPath);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The base URL is the address it listens on: the API's links (attachment downloads) are built from it.
        var process = server.NewProcess(["serve", "--urls", server.BaseUrl, $"--Bugsink:BaseUrl={server.BaseUrl}", $"--Bugsink:DataDir={dataDir}"]);
        process.OutputDataReceived += (_, e) => server.Record(e.Data, listening);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data, null);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server exited during start-up; see " + logPath));
        process.Start();
        server._process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    // `create-project NAME`: its last line of output is the DSN.
    public async Task<(long ProjectId, string Dsn)> CreateProjectAsync(string name)
    {
        var lines = await RunCommandAsync("create-project", name, $"--Bugsink:DataDir={DataDir}", $"--Bugsink:BaseUrl={BaseUrl}");
        var dsn = lines[^1];
        return (long.Parse(new Uri(dsn).AbsolutePath.Trim('/'), System.Globalization.CultureInfo.InvariantCulture), dsn);
    }

    // `create-token`: its last line is the token. Null when this build has no such command yet (asked
    // through --help: an unknown command word would start a second server instead).
    public async Task<string?> TryCreateTokenAsync()
    {
        var help = await RunCommandAsync("--help");
        return help.Any(line => line.StartsWith("create-token", StringComparison.Ordinal))
            ? (await RunCommandAsync("create-token", $"--Bugsink:DataDir={DataDir}"))[^1]
            : null;
    }

    // `create-user EMAIL --password P --admin`: a real account to log in to the pages with.
    public async Task CreateUserAsync(string email, string password) =>
        await RunCommandAsync("create-user", email, "--password", password, "--admin", $"--Bugsink:DataDir={DataDir}");

    public async Task SendEventAsync(string dsn, string message) =>
        await RunCommandAsync("send-event", dsn, "--message", message, $"--Bugsink:DataDir={DataDir}");

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }

        await _log.DisposeAsync();
    }

    private async Task<string[]> RunCommandAsync(params string[] args)
    {
        using var process = NewProcess(args);
        process.Start();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout;
        try
        {
            stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(CommandTimeout);
            await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`bugsink {args[0]}` did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"`bugsink {args[0]}` failed (exit {process.ExitCode}):\n{stdout}\n{await stderr}");
        }

        return lines;
    }

    private void Record(string? line, TaskCompletionSource? listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        if (line.Contains("Bugsink is listening on", StringComparison.Ordinal))
        {
            listening?.TrySetResult();
        }
    }

    private Process NewProcess(string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_serverDll)!,
        };
        start.ArgumentList.Add(_serverDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new Process { StartInfo = start };
    }

    // Bind to port 0, read what the OS chose, release it for the server (a small race, fine on loopback).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
