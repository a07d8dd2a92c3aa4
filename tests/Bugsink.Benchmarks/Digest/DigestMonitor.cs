using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Digest;

// Samples the inbox every 250 ms from the moment the measured load starts until every acknowledged
// event is digested, and prints one compact line per second so a stalled digest is visible while it happens.
public sealed class DigestMonitor : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly InboxProbe _probe;
    private readonly Func<long> _acknowledged;
    private readonly ChildProcess? _server;
    private readonly long _start;
    private readonly List<LagSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public DigestMonitor(string inboxPath, Func<long> acknowledged, ChildProcess? server, long startTimestamp)
    {
        _probe = new InboxProbe(inboxPath);
        _acknowledged = acknowledged;
        _server = server;
        _start = startTimestamp;
        _loop = Task.Run(SampleAsync);
    }

    public IReadOnlyList<LagSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    // Seconds from the start until the inbox was empty (confirmed by an exact count) at or after
    // `notBefore` seconds; null when the digest made no progress for `stallLimit`.
    public async Task<double?> WaitUntilDrainedAsync(double notBefore, TimeSpan stallLimit)
    {
        var best = -1L;
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(Interval / 2);
            var samples = Samples;
            var latest = samples.Count == 0 ? default : samples[^1];
            if (latest.Seconds >= notBefore && latest.Waiting == 0 && _probe.WaitingExact() == 0)
            {
                return latest.Seconds;
            }

            if (latest.Digested > best)
            {
                best = latest.Digested;
                lastProgress = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > stallLimit)
            {
                return null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        _probe.Dispose();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        var previous = Sample();
        var tick = 0;
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            LagSample sample;
            try
            {
                sample = Sample();
            }
            catch (SqliteException)
            {
                // A checkpoint or recovery can make a read fail for a moment; the next tick will do.
                continue;
            }

            _server?.SampleWorkingSet();
            lock (_samples)
            {
                _samples.Add(sample);
            }

            if (++tick % 4 == 0)
            {
                PrintLine(previous, sample);
                previous = sample;
            }
        }
    }

    private LagSample Sample()
    {
        var (committed, digested) = _probe.ReadProgress();
        return new LagSample(Stopwatch.GetElapsedTime(_start).TotalSeconds, _acknowledged(), digested, committed - digested);
    }

    private static void PrintLine(LagSample previous, LagSample current)
    {
        var seconds = current.Seconds - previous.Seconds;
        var acked = (current.Acknowledged - previous.Acknowledged) / seconds;
        var digested = (current.Digested - previous.Digested) / seconds;
        Console.WriteLine(FormattableString.Invariant(
            $"  t={current.Seconds,5:0.0}s  acked {acked,8:N0}/s  digested {digested,8:N0}/s  waiting in inbox {current.Waiting,9:N0}"));
    }
}
