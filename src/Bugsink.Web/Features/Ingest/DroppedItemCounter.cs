using System.Collections.Concurrent;

namespace Bugsink.Web.Features.Ingest;

// Items we accept (200) but do not keep — sessions, client reports, transactions, logs… — are
// counted so an admin can see what was dropped. Counts live in memory and the inbox writer
// flushes them with its next transaction; losing a few counts in a crash is acceptable, losing events is not.
public sealed class DroppedItemCounter
{
    private ConcurrentDictionary<(long ProjectId, string ItemType), int> _pending = new();

    public void Add(long projectId, string itemType) =>
        _pending.AddOrUpdate((projectId, itemType), 1, static (_, count) => count + 1);

    public IReadOnlyCollection<KeyValuePair<(long ProjectId, string ItemType), int>> TakeAll()
    {
        if (_pending.IsEmpty)
        {
            return [];
        }

        var taken = Interlocked.Exchange(ref _pending, new());
        return taken.ToArray();
    }
}
