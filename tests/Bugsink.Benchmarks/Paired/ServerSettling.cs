using System.Diagnostics;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Paired;

// What a segment sets off after its last event is digested (alert dispatch: deciding and saving each new
// issue's alert, enqueueing deliveries) runs on into the next segment, which is the other project's half the
// time. Waiting here until the server is idle again charges that work to the segment that caused it.
public static class ServerSettling
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    // Idle: below this share of one core over a window (Hangfire's queue polling alone stays well under it).
    private const double IdleShare = 0.15;

    public static async Task WaitAsync(ChildProcess server, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var before = server.TotalProcessorTime;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(Window);
            var now = server.TotalProcessorTime;
            if ((now - before).TotalMilliseconds < IdleShare * Window.TotalMilliseconds)
            {
                return;
            }

            before = now;
        }
    }
}
