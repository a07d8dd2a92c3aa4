using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// Someone who leaves a team (removed by its admin, or leaving) can no longer see its projects, so
// their issues there go back to nobody, each with a history entry. One transaction with the removal:
// never a member gone and their issues still theirs.
public static class TeamDepartures
{
    // Removes the membership; returns false when there was none.
    public static async Task<bool> RemoveAsync(AppDbContext db, long teamId, long userId, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.TeamMemberships.Where(m => m.TeamId == teamId && m.UserId == userId).ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }

        var projectIds = db.Projects.Where(p => p.TeamId == teamId).Select(p => p.Id);
        var issues = db.Issues.Where(i => i.AssigneeUserId == userId && projectIds.Contains(i.ProjectId));
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        var ids = await issues.Select(i => i.Id).ToListAsync(ct);
        db.IssueHistory.AddRange(ids.Select(id => new IssueHistoryEntry
        {
            IssueId = id,
            Kind = IssueHistoryKind.Unassigned,
            UserId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Detail = "(" + (email ?? "the assignee") + " left the team)",
        }));
        await db.SaveChangesAsync(ct);
        await issues.ExecuteUpdateAsync(s => s.SetProperty(i => i.AssigneeUserId, (long?)null), ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
