using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Alerts;

// A successful EmailLog row for (lead alert, recipient) is the proof that this email went out; the send
// job checks it first, so a retried or duplicated job never sends the same alert to the same person twice.
public static class SentMarker
{
    // The marker is written after the alert was created; the day of slack covers a clock set back a little.
    public static Task<bool> ExistsAsync(AppDbContext db, AlertRequest lead, string recipient, CancellationToken cancellationToken)
    {
        var since = lead.CreatedAt.AddDays(-1);
        return db.EmailLog.AnyAsync(
            e => e.At >= since && e.AlertRequestId == lead.Id && e.Recipient == recipient && e.Succeeded, cancellationToken);
    }
}
