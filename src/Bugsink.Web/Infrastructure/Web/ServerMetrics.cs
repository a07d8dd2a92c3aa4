using System.Collections.Concurrent;

namespace Bugsink.Web.Infrastructure.Web;

// Counters that ingest and digest bump and /metrics reports. Process-lifetime totals, as Prometheus
// counters are meant to be: a restart starts them at zero and rate() copes with that.
public sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<int, long> _rejectedByStatus = new();
    private long _eventsIngested;
    private long _eventsDigested;

    public long EventsIngested => Interlocked.Read(ref _eventsIngested);

    public long EventsDigested => Interlocked.Read(ref _eventsDigested);

    // Events committed to the inbox, i.e. acknowledged to an SDK with a 200.
    public void AddIngested(long events) => Interlocked.Add(ref _eventsIngested, events);

    public void AddDigested(long events) => Interlocked.Add(ref _eventsDigested, events);

    // One ingest request answered with an error status; the status is the reason (a bounded set,
    // unlike the detail text, which names keys and project ids and would explode label cardinality).
    public void CountIngestAnswer(int statusCode)
    {
        if (statusCode >= StatusCodes.Status400BadRequest)
        {
            _rejectedByStatus.AddOrUpdate(statusCode, 1, static (_, count) => count + 1);
        }
    }

    public IReadOnlyList<KeyValuePair<int, long>> RejectedByStatus() =>
        [.. _rejectedByStatus.OrderBy(pair => pair.Key)];
}
