using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// Gives issues assigned to someone back to nobody, each with a history entry that names who had them:
// the part that leaving a team and deleting an account share. Runs in the caller's transaction.
internal static class Unassignment
{
    // reason: the history's detail from the assignee's email (null when the account row is already gone).
    public static async Task<int> UnassignAsync(
        AppDbContext db, IQueryable<Issue> issues, long userId, Actor actor, DateTimeOffset now, Func<string?, string> reason, CancellationToken ct)
    {
        var ids = await issues.Select(i => i.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var detail = reason(await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct));
        db.IssueHistory.AddRange(ids.Select(id => IssueActions.NewEntry(id, IssueHistoryKind.Unassigned, actor, now, detail: detail)));
        await db.SaveChangesAsync(ct);
        await issues.ExecuteUpdateAsync(s => s.SetProperty(i => i.AssigneeUserId, (long?)null), ct);
        return ids.Count;
    }
}
