using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// The assignee of a regressed issue is among its alert's recipients (once, whatever the letter case),
// and is named in its chat message (AlertChannels/Messages/ChannelAlertReader).
public static class AssigneeAlerts
{
    public static async Task AddAssigneeAsync(AppDbContext db, long issueId, List<string> recipients, CancellationToken ct)
    {
        var email = await EmailOfAssigneeAsync(db, issueId, ct);
        if (!string.IsNullOrWhiteSpace(email) && !recipients.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            recipients.Add(email.Trim());
        }
    }

    // Null when the issue is assigned to nobody (or to an account without an email).
    public static Task<string?> EmailOfAssigneeAsync(AppDbContext db, long issueId, CancellationToken ct) =>
        db.Issues.Where(i => i.Id == issueId && i.AssigneeUserId != null)
            .Join(db.Users, i => i.AssigneeUserId, u => (long?)u.Id, (i, u) => u.Email)
            .FirstOrDefaultAsync(ct);
}
