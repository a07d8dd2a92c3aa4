using System.Collections.Concurrent;

namespace Bugsink.Web.Features.Ingest;

// Refusals by project and reason, counted in memory on the hot path and written to inbox.db by
// RejectedItemFlusher every few seconds, the way DroppedItemCounter's counts are: losing a few counts
// in a crash is acceptable, a query per refused request is not.
public sealed class RejectedItemCounter
{
    private ConcurrentDictionary<(long ProjectId, RejectionReason Reason), long> _pending = new();

    public void Add(long projectId, RejectionReason reason, long count = 1) =>
        _pending.AddOrUpdate((projectId, reason), static (_, added) => added, static (_, total, added) => total + added, count);

    // Counted but not yet written; the admin page adds these to what inbox.db holds.
    public IReadOnlyCollection<KeyValuePair<(long ProjectId, RejectionReason Reason), long>> Pending => [.. _pending];

    public IReadOnlyCollection<KeyValuePair<(long ProjectId, RejectionReason Reason), long>> TakeAll()
    {
        if (_pending.IsEmpty)
        {
            return [];
        }

        var taken = Interlocked.Exchange(ref _pending, new());
        return [.. taken];
    }

    // Put back what could not be written, so a failed flush loses nothing.
    public void Restore(IEnumerable<KeyValuePair<(long ProjectId, RejectionReason Reason), long>> counts)
    {
        foreach (var ((projectId, reason), count) in counts)
        {
            Add(projectId, reason, count);
        }
    }

    public static string Name(RejectionReason reason) => reason switch
    {
        RejectionReason.Quota => "quota",
        RejectionReason.BackPressure => "back_pressure",
        RejectionReason.TooLarge => "too_large",
        RejectionReason.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
