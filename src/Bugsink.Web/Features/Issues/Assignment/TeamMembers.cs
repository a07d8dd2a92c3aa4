using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// Who may be assigned an issue: the members of its project's team, nobody else (not even an
// administrator who sees every project but is not on the team).
public static class TeamMembers
{
    // The member's email ("" when they have none), or null when the user is not on the project's team.
    public static async Task<string?> EmailOfMemberAsync(AppDbContext db, long projectId, long userId, CancellationToken ct)
    {
        var email = await db.Projects.Where(p => p.Id == projectId)
            .Join(db.TeamMemberships, p => p.TeamId, m => m.TeamId, (p, m) => m)
            .Where(m => m.UserId == userId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Email = u.Email ?? "" })
            .FirstOrDefaultAsync(ct);
        return email?.Email;
    }

    public static async Task<long?> IdByEmailAsync(AppDbContext db, long issueId, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var ids = await db.Issues.Where(i => i.Id == issueId)
            .Join(db.Projects, i => i.ProjectId, p => p.Id, (i, p) => p.TeamId)
            .Join(db.TeamMemberships, teamId => teamId, m => m.TeamId, (teamId, m) => m.UserId)
            .Join(db.Users, id => id, u => u.Id, (id, u) => u)
            .Where(u => u.NormalizedEmail == normalized)
            .Select(u => (long?)u.Id).ToListAsync(ct);
        return ids.Count > 0 ? ids[0] : null;
    }

    // The project's team as (id, email) for the page's "Assign to" list. The tuple is made after the query:
    // Npgsql's EF provider cannot shape a ValueTuple projection (NullReferenceException, the issue page a 500).
    public static async Task<List<(long Id, string Email)>> OfProjectAsync(AppDbContext db, long projectId, CancellationToken ct)
    {
        var members = await db.Projects.Where(p => p.Id == projectId)
            .Join(db.TeamMemberships, p => p.TeamId, m => m.TeamId, (p, m) => m.UserId)
            .Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, Email = u.Email ?? "" })
            .OrderBy(u => u.Email).Take(200)
            .ToListAsync(ct);
        return [.. members.Select(m => (m.Id, m.Email))];
    }
}
