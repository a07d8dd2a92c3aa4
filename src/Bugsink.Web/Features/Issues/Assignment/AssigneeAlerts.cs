using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// The assignee of a regressed issue is among its alert's recipients (once, whatever the letter case).
public static class AssigneeAlerts
{
    public static async Task AddAssigneeAsync(AppDbContext db, long issueId, List<string> recipients, CancellationToken ct)
    {
        var email = await db.Issues.Where(i => i.Id == issueId && i.AssigneeUserId != null)
            .Join(db.Users, i => i.AssigneeUserId, u => (long?)u.Id, (i, u) => u.Email)
            .FirstOrDefaultAsync(ct);
        if (!string.IsNullOrWhiteSpace(email) && !recipients.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            recipients.Add(email.Trim());
        }
    }
}
