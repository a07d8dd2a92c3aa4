using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bugsink.Web.Features.RunWrapper;

// How the command ended. Signal is set when the exit code is 128+N: .NET reports a child killed by
// signal N exactly so (as shells do), so a child that itself exits 134 reads as SIGABRT too.
// StartError is set when the command could not be started at all (exit code 127 or 126, as shells use).
public sealed record ChildOutcome(int ExitCode, int? Signal, TimeSpan Duration, StderrTail Stderr, string? StartError = null);

// Runs a command with stdin and stdout inherited and stderr passed through to ours as it comes,
// while its last lines are kept for the event.
public static class ChildCommand
{
    // Lines kept for finding a traceback; the event carries only the last 100 of them.
    public const int ParsedLines = 1000;

    // After the child exits, how long its stderr may stay open (a background grandchild holding it).
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<ChildOutcome> RunAsync(string fileName, IReadOnlyList<string> arguments, Stream terminal)
    {
        var tail = new StderrTail(ParsedLines);
        var start = new ProcessStartInfo(fileName) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            // ENOENT: not found (127); anything else, such as EACCES: found but not runnable (126).
            return new ChildOutcome(e.NativeErrorCode == 2 ? 127 : 126, null, clock.Elapsed, tail, e.Message);
        }

        // The terminal (or cron, or systemd) signals the whole process group: the child gets its own
        // SIGINT/SIGQUIT/SIGTERM and decides; we stay to report how it ended instead of dying first.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => context.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true);
        var copy = CopyAsync(process.StandardError.BaseStream, terminal, tail);
        await process.WaitForExitAsync();
        var duration = clock.Elapsed;
        await Task.WhenAny(copy, Task.Delay(DrainGrace));
        var code = process.ExitCode;
        int? signal = code is > 128 and <= 128 + 64 ? code - 128 : null;
        return new ChildOutcome(code, signal, duration, tail);
    }

    private static async Task CopyAsync(Stream from, Stream terminal, StderrTail tail)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            terminal.Write(buffer, 0, read);
            terminal.Flush();
            tail.Append(buffer.AsSpan(0, read));
        }
    }
}
