using Bugsink.Web.Features.Issues.Assignment;
using Hangfire;

namespace Bugsink.Web.Features.Issues.Workflow;

// Assignment (issue 25) is one more action on an issue, so it shares IssueActions' one short
// transaction and its history entry; it lives beside the rest of the assignment feature.
public sealed partial class IssueActions
{
    // userId null: unassign. Anyone who is not a member of the project's team is refused with an
    // ArgumentException before anything changes. The new assignee is told by email unless they
    // assigned it to themselves (after the commit, so a rolled-back assignment sends nothing).
    public async Task AssignAsync(long issueId, long? userId, Actor actor, CancellationToken ct)
    {
        string? assigneeEmail = null;
        var notify = false;
        await ChangeAsync(issueId, actor, async (issue, _) =>
        {
            if (issue.AssigneeUserId == userId)
            {
                return null;
            }

            if (userId is { } id)
            {
                assigneeEmail = await TeamMembers.EmailOfMemberAsync(db, issue.ProjectId, id, ct)
                    ?? throw new ArgumentException("Only a member of the project's team can be assigned.");
            }

            issue.AssigneeUserId = userId;
            notify = userId is not null && userId != actor.UserId;
            return userId is null ? new HistoryNote(IssueHistoryKind.Unassigned) : new HistoryNote(IssueHistoryKind.Assigned, Detail: assigneeEmail);
        }, ct);

        if (notify && assigneeEmail is { Length: > 0 } to)
        {
            jobs.Enqueue<AssignmentEmailJob>(job => job.RunAsync(issueId, to, actor.Name, CancellationToken.None));
            // And the project's chat channels that take assignments (issue 23's channels).
            jobs.Enqueue<AssignmentChannelJob>(job => job.RunAsync(issueId, to, actor.Name, CancellationToken.None));
        }
    }

    // For the API and the pages, which name people by email: null when nobody on the team has it.
    public Task<long?> MemberIdByEmailAsync(long issueId, string email, CancellationToken ct) =>
        TeamMembers.IdByEmailAsync(db, issueId, email, ct);
}
