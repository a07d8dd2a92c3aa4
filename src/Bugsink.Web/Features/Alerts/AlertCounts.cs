using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Alerts;

// How many alert emails went out recently: the flood cap's measure, also shown on the admin page.
public static class AlertCounts
{
    // Walks the (Status, Id) index from the newest sent alert back. An alert is sent at most one coalescing
    // window after it was created (while the server runs), and the cap allows at most `cap` sends an hour,
    // so every alert sent since `since` (an hour ago) is among the newest 2 × cap + a margin.
    public static Task<int> SentSinceAsync(AppDbContext db, DateTimeOffset since, int cap, CancellationToken cancellationToken) => db.AlertRequests
        .Where(a => a.Status == AlertStatus.Sent)
        .OrderByDescending(a => a.Id)
        .Take((2 * cap) + 100)
        .CountAsync(a => a.ProcessedAt >= since, cancellationToken);
}
