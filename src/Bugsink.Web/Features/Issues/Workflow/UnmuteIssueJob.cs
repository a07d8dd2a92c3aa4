using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Workflow;

// Ends a timed mute at its time even when no event arrives (Bugsink only notices on the next event).
// Scheduled by IssueActions.MuteAsync after the mute commits. The job carries the MutedUntil it was
// scheduled for and re-reads the issue when it runs: an issue unmuted, re-muted or deleted since then
// belongs to the newer action, and this job leaves it alone.
public sealed class UnmuteIssueJob(AppDbContext db, IBackgroundJobClient jobs, IAlertDispatcher alerts, TimeProvider time)
{
    // The delay is measured on our clock, and Hangfire counts it down on its own: with a test clock
    // (or a clock that drifted) the job may run early, and then it simply schedules itself again.
    public static void Schedule(IBackgroundJobClient jobs, long issueId, DateTimeOffset mutedUntil, DateTimeOffset now)
    {
        var delay = mutedUntil - now;
        jobs.Schedule<UnmuteIssueJob>(
            job => job.RunAsync(issueId, mutedUntil.ToUnixTimeMilliseconds(), CancellationToken.None),
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    [Queue(HangfireSetup.DefaultQueue)]
    public async Task RunAsync(long issueId, long mutedUntil, CancellationToken cancellationToken)
    {
        DateTimeOffset now;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var issue = await db.Issues.SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
            if (issue is not { IsDeleted: false, IsMuted: true, MutedUntil: { } until } || until.ToUnixTimeMilliseconds() != mutedUntil)
            {
                return;
            }

            now = time.GetUtcNow();
            if (until > now)
            {
                Schedule(jobs, issueId, until, now);
                return;
            }

            IssueStateChanges.Unmute(issue);
            db.IssueHistory.Add(new IssueHistoryEntry
            {
                IssueId = issueId,
                Kind = IssueHistoryKind.Unmuted,
                UserId = Actor.System.UserId,
                ActorName = Actor.System.Name,
                At = now,
                Detail = "the mute period ended",
            });
            db.AlertRequests.Add(new AlertRequest
            {
                ProjectId = issue.ProjectId,
                IssueId = issueId,
                Kind = AlertKind.Unmute,
                Reason = UnmuteRule.TimeReason,
                CreatedAt = now,
                Status = AlertStatus.Pending,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        alerts.AlertsCommitted();
    }
}
