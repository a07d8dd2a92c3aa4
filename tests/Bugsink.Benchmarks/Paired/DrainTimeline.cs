using System.Diagnostics;
using Bugsink.Benchmarks.Digest;
using Microsoft.Data.Sqlite;

namespace Bugsink.Benchmarks.Paired;

// The digest draining a full inbox, sampled every 20 ms: how many events (by inbox id, oldest first) were
// digested by when. A segment of the inbox (ids lo..hi, filled earlier with one project's events) took
// from the moment the digest passed lo until it passed hi; batches are 5,000 events, so segments that are
// multiples of 5,000 start and end on batch boundaries.
public sealed class DrainTimeline
{
    private readonly List<(double Seconds, long Digested)> _samples = [];

    public static async Task<DrainTimeline> RecordAsync(string inboxPath, long lastId, TimeSpan stallLimit)
    {
        var timeline = new DrainTimeline();
        using var probe = new InboxProbe(inboxPath);
        var start = Stopwatch.GetTimestamp();
        var lastProgress = start;
        var best = -1L;
        while (true)
        {
            long digested;
            try
            {
                digested = probe.ReadProgress().Digested;
            }
            catch (SqliteException)
            {
                await Task.Delay(20);
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            timeline._samples.Add((Stopwatch.GetElapsedTime(start, now).TotalSeconds, digested));
            if (digested >= lastId && probe.WaitingExact() == 0)
            {
                return timeline;
            }

            if (digested > best)
            {
                (best, lastProgress) = (digested, now);
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > stallLimit)
            {
                throw new TimeoutException($"the digest made no progress for {stallLimit.TotalSeconds:0} s at id {digested:N0} of {lastId:N0}");
            }

            await Task.Delay(20);
        }
    }

    // Seconds the digest spent on ids (lo, hi].
    public double SecondsFor(long lo, long hi) => FirstReaching(hi) - FirstReaching(lo);

    private double FirstReaching(long id)
    {
        foreach (var (seconds, digested) in _samples)
        {
            if (digested >= id)
            {
                return seconds;
            }
        }

        return _samples[^1].Seconds;
    }
}
