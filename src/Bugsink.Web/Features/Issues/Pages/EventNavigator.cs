using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

// First / previous / next / last event of an issue, ordered by timestamp then row id.
public static class EventNavigator
{
    public static async Task<EventNavigation> AroundAsync(IQueryable<StoredEvent> events, StoredEvent current, CancellationToken ct)
    {
        var at = current.Timestamp;
        var id = current.Id;
        var first = await events.OrderBy(e => e.Timestamp).ThenBy(e => e.Id).Select(e => e.EventId).FirstOrDefaultAsync(ct);
        var last = await events.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Select(e => e.EventId).FirstOrDefaultAsync(ct);
        var previous = await events.Where(e => e.Timestamp < at || (e.Timestamp == at && e.Id < id))
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Select(e => e.EventId).FirstOrDefaultAsync(ct);
        var next = await events.Where(e => e.Timestamp > at || (e.Timestamp == at && e.Id > id))
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Id).Select(e => e.EventId).FirstOrDefaultAsync(ct);
        return new EventNavigation(
            first == current.EventId ? null : first,
            previous,
            next,
            last == current.EventId ? null : last);
    }
}
