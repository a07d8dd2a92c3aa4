using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Alerts;

// Who receives a project's alerts: the members of its team whose own choice says yes (the membership's
// setting, else the user's). Being an administrator is not enough; admins who want alerts join the team.
public static class AlertRecipients
{
    public static async Task<IReadOnlyList<string>> ForTeamAsync(AppDbContext db, long teamId, CancellationToken cancellationToken)
    {
        var addresses = await db.TeamMemberships
            .Where(m => m.TeamId == teamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Wants = m.SendEmailAlerts ?? u.SendEmailAlerts, u.Email })
            .Where(r => r.Wants && r.Email != null && r.Email != "")
            .Select(r => r.Email!)
            .ToListAsync(cancellationToken);
        // One email per address even if two accounts share it.
        return addresses.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }
}
