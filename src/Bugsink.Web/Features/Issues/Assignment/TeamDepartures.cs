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
        await Unassignment.UnassignAsync(db, issues, userId, actor, now, email => "(" + (email ?? "the assignee") + " left the team)", ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
