using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Bugsink.E2E.Sdks;

// One SDK program's run: its whole output (kept in a log file) and the structured lines it printed.
public sealed class SdkRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public required SdkSpec Spec { get; init; }

    public required string LogPath { get; init; }

    public required string Output { get; init; }

    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public TimeSpan Elapsed { get; init; }

    // "E2E_EVENT {case, event_id}": each error event the SDK was about to send.
    public IReadOnlyList<JsonElement> Events => Lines("E2E_EVENT");

    // "E2E_SEND {status, types, discarded}": each send the SDK's transport made and its answer.
    public IReadOnlyList<JsonElement> Sends => Lines("E2E_SEND");

    // "E2E_NET {phase, status, allowOrigin, types}": each request Chromium made to the server (browser only).
    public IReadOnlyList<JsonElement> Network => Lines("E2E_NET");

    public IReadOnlyList<string> FatalLines => [.. OutputLines().Where(l => l.StartsWith("E2E_FATAL", StringComparison.Ordinal))];

    public static async Task<SdkRun> RunAsync(SdkSpec spec, string root, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = Path.Combine(root, spec.WorkingDirectory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument.StartsWith("tests/", StringComparison.Ordinal) ? Path.Combine(root, argument) : argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Both streams into one log, in arrival order, as a person running the program would see it.
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timedOut = false;
        using (var cancel = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        // WaitForExit without a timeout also waits for the redirected streams to reach their end.
        process.WaitForExit();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        await File.WriteAllTextAsync(logPath, text);
        return new SdkRun
        {
            Spec = spec,
            LogPath = logPath,
            Output = text,
            ExitCode = timedOut ? null : process.ExitCode,
            TimedOut = timedOut,
            Elapsed = clock.Elapsed,
        };
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private string[] OutputLines() => Output.Split('\n');

    private List<JsonElement> Lines(string kind)
    {
        var prefix = kind + " ";
        var found = new List<JsonElement>();
        foreach (var line in OutputLines())
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                found.Add(JsonSerializer.Deserialize<JsonElement>(line.AsSpan(prefix.Length)));
            }
            catch (JsonException)
            {
                // A line cut by another thread's output: the log keeps it for a person to read.
            }
        }

        return found;
    }
}
