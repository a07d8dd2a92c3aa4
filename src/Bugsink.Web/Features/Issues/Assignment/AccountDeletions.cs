using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;

namespace Bugsink.Web.Features.Issues.Assignment;

// A deleted account can be nobody's assignee: every issue assigned to it, in any project, goes back to
// nobody with a history entry that still says who had it (the account row and its email are about to go).
// The caller runs this in the same transaction as the deletion, so either both happen or neither does.
public static class AccountDeletions
{
    // Returns how many issues were unassigned.
    public static Task<int> UnassignAllAsync(AppDbContext db, long userId, Actor actor, DateTimeOffset now, CancellationToken ct) =>
        Unassignment.UnassignAsync(db, db.Issues.Where(i => i.AssigneeUserId == userId), userId, actor, now,
            email => "(the account " + (email ?? "of the assignee") + " was deleted)", ct);
}
