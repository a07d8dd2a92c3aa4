using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Alerts;

// Who receives a project's alerts: the members of its team whose own choice says yes (the membership's
// setting, else the user's). When nobody on the team does (a project made with create-project lands in a
// team without members), the administrators who want alerts get them instead, told why: an alert must
// never go to nobody without anyone knowing.
public static class AlertRecipients
{
    public static async Task<TeamRecipients> ForTeamAsync(AppDbContext db, long teamId, CancellationToken cancellationToken)
    {
        var members = Distinct(await db.TeamMemberships
            .Where(m => m.TeamId == teamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Wants = m.SendEmailAlerts ?? u.SendEmailAlerts, u.Email })
            .Where(r => r.Wants && r.Email != null && r.Email != "")
            .Select(r => r.Email!)
            .ToListAsync(cancellationToken));
        if (members.Count > 0)
        {
            return new TeamRecipients(members, TeamHasNone: false);
        }

        var administrators = Distinct(await db.Users
            .Where(u => u.IsAdmin && u.SendEmailAlerts && u.Email != null && u.Email != "")
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken));
        return new TeamRecipients(administrators, TeamHasNone: true);
    }

    // Teams with at least one project and nobody on them who receives alerts: for the warnings on the
    // project page and /admin/email/.
    public static Task<List<TeamWithoutRecipients>> TeamsWithoutRecipientsAsync(AppDbContext db, CancellationToken cancellationToken) => db.Teams
        .Where(t => db.Projects.Any(p => p.TeamId == t.Id && p.DeletedAt == null))
        .Where(t => !db.TeamMemberships.Any(m => m.TeamId == t.Id
            && db.Users.Any(u => u.Id == m.UserId && (m.SendEmailAlerts ?? u.SendEmailAlerts) && u.Email != null && u.Email != "")))
        .OrderBy(t => t.Name)
        .Select(t => new TeamWithoutRecipients(t.Id, t.Name))
        .ToListAsync(cancellationToken);

    // One email per address even if two accounts share it.
    private static List<string> Distinct(List<string> addresses) =>
        addresses.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
}

// TeamHasNone: nobody on the team receives alerts, so these are the administrators (or nobody at all).
public sealed record TeamRecipients(IReadOnlyList<string> Addresses, bool TeamHasNone);

public sealed record TeamWithoutRecipients(long Id, string Name);
