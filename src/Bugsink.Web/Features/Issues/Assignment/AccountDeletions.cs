using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// A deleted account can be nobody's assignee: every issue assigned to it, in any project, goes back to
// nobody with a history entry that still says who had it (the account row and its email are about to go).
// The caller runs this in the same transaction as the deletion, so either both happen or neither does.
public static class AccountDeletions
{
    // Returns how many issues were unassigned.
    public static async Task<int> UnassignAllAsync(AppDbContext db, long userId, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var issues = db.Issues.Where(i => i.AssigneeUserId == userId);
        var ids = await issues.Select(i => i.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        db.IssueHistory.AddRange(ids.Select(id => new IssueHistoryEntry
        {
            IssueId = id,
            Kind = IssueHistoryKind.Unassigned,
            UserId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Detail = "(the account " + (email ?? "of the assignee") + " was deleted)",
        }));
        await db.SaveChangesAsync(ct);
        await issues.ExecuteUpdateAsync(s => s.SetProperty(i => i.AssigneeUserId, (long?)null), ct);
        return ids.Count;
    }
}
