namespace Bugsink.Web.Features.Ingest;

// Acknowledged events not yet digested, counted in memory so ingest can apply back-pressure
// without a query per request. Seeded from the inbox at start-up.
public sealed class InboxBacklog
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Set(long count) => Interlocked.Exchange(ref _count, count);

    public void Add(long count) => Interlocked.Add(ref _count, count);
}
