using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Assignment;

// "SHOP-12 assigned to ada@example.com by ann@example.com" in the project's chat and webhook channels
// that take assignments (AlertChannel.OnAssignment). It becomes an alert of its own kind, so the channel
// delivery's exactly-once, retries, delivery log and switch-off apply as to every other alert; the
// assignee's email stays with AssignmentEmailJob. Projects without such a channel get no row at all.
public sealed class AssignmentChannelJob(AppDbContext db, IAlertDispatcher alerts, TimeProvider time)
{
    [Queue(AlertOptions.Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long issueId, string assignee, string assignedBy, CancellationToken ct)
    {
        var projectId = await db.Issues.Where(i => i.Id == issueId && !i.IsDeleted).Select(i => (long?)i.ProjectId).FirstOrDefaultAsync(ct);
        if (projectId is not { } project
            || !await db.Set<AlertChannel>().AnyAsync(c => c.ProjectId == project && c.IsEnabled && c.OnAssignment, ct))
        {
            return;
        }

        db.AlertRequests.Add(new AlertRequest
        {
            ProjectId = project,
            IssueId = issueId,
            Kind = AlertKind.Assignment,
            Reason = AssignmentReason.Write(assignee, assignedBy),
            CreatedAt = time.GetUtcNow(),
            Status = AlertStatus.Pending,
        });
        await db.SaveChangesAsync(ct);
        alerts.AlertsCommitted();
    }
}

// The assignment alert's Reason: the assignee and who assigned it, one line each (both are one-line
// names: an email and an actor's name).
public static class AssignmentReason
{
    public static string Write(string assignee, string assignedBy) => OneLine(assignee) + "\n" + OneLine(assignedBy);

    public static (string Assignee, string AssignedBy) Read(string? reason)
    {
        var parts = (reason ?? "").Split('\n', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : "someone");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
