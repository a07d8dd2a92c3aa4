using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Alerts;

// Turns pending AlertRequest rows into send jobs, one per (email, recipient), and records what became of
// every alert. The send jobs are enqueued before the statuses commit: if the commit then fails, the retry
// plans the same emails again and the sent-markers keep each recipient at one copy, whereas enqueueing
// after the commit would lose the emails to a crash in between.
public sealed partial class DispatchAlertsJob(
    AppDbContext db,
    AlertDispatchScheduler scheduler,
    SmtpEmailSender sender,
    IBackgroundJobClient jobs,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<DispatchAlertsJob> logger)
{
    [Queue(AlertOptions.Queue)]
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        scheduler.MarkStarted();
        await scheduler.RunLock.WaitAsync(cancellationToken);
        try
        {
            var plan = await DispatchAsync(cancellationToken);
            scheduler.NoteNextDue(plan.NextDueAt);
        }
        finally
        {
            scheduler.RunLock.Release();
        }
    }

    private async Task<AlertPlan> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var waiting = await db.AlertRequests
            .Where(a => a.Status == AlertStatus.Pending)
            .GroupBy(a => new { a.ProjectId, a.Kind })
            .Select(g => new { g.Key.ProjectId, g.Key.Kind, Count = g.Count(), LastId = g.Max(a => a.Id) })
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return AlertPlan.Empty;
        }

        var withNewIssues = waiting.Where(w => w.Kind == AlertKind.NewIssue).Select(w => w.ProjectId).ToHashSet();
        var projects = await LoadProjectsAsync([.. waiting.Select(w => w.ProjectId).Distinct()], withNewIssues, cancellationToken);

        // A storm's new-issue alerts wait for their project's coalescing window. Loading them again on every
        // nudge cost 0.4-2 s per dispatch with 2,000-6,000 held (--scenario channels): they are counted here
        // and read once, when the window ends.
        var holding = projects.Values
            .Where(p => withNewIssues.Contains(p.ProjectId))
            .Select(p => (p.ProjectId, Until: AlertPlanner.HoldsNewIssuesUntil(p, sender.IsConfigured, options.Value, now)))
            .Where(h => h.Until is not null)
            .ToList();
        var heldProjectIds = holding.Select(h => h.ProjectId).ToList();
        var heldCount = waiting.Where(w => w.Kind == AlertKind.NewIssue && heldProjectIds.Contains(w.ProjectId)).Sum(w => w.Count);
        var heldUntil = holding.Aggregate((DateTimeOffset?)null, (earliest, h) => AlertPlanner.Earliest(earliest, h.Until));

        // Up to the newest id counted above: an alert of a project created since has no context loaded here, and
        // would be recorded as the alert of a deleted project. The digest's next nudge brings it.
        var lastId = waiting.Max(w => w.LastId);
        var pending = await db.AlertRequests
            .Where(a => a.Status == AlertStatus.Pending && a.Id <= lastId && !(a.Kind == AlertKind.NewIssue && heldProjectIds.Contains(a.ProjectId)))
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return new AlertPlan([], heldCount, heldUntil);
        }

        var issueIds = pending.Select(a => a.IssueId).Distinct().ToList();
        var liveIssueIds = (await db.Issues.Where(i => issueIds.Contains(i.Id) && !i.IsDeleted).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        var sentInLastHour = await AlertCounts.SentSinceAsync(db, now.AddHours(-1), options.Value.MaxEmailsPerHour, cancellationToken);
        var plan = AlertPlanner.Plan(pending, projects, liveIssueIds, sender.IsConfigured, sentInLastHour, options.Value, now);

        foreach (var email in plan.Emails)
        {
            var alertIds = email.AlertIds.ToArray();
            var recipients = projects[email.ProjectId].Recipients.ToList();
            if (pending.First(a => a.Id == alertIds[0]) is { Kind: AlertKind.Regression } regression)
            {
                // Issue 25: whoever the issue is assigned to hears of its regression, even if they
                // turned the team's alerts off; chat channels (issue 23) would add the same here.
                await Issues.Assignment.AssigneeAlerts.AddAssigneeAsync(db, regression.IssueId, recipients, cancellationToken);
            }

            foreach (var recipient in recipients)
            {
                jobs.Enqueue<SendAlertEmailJob>(job => job.RunAsync(alertIds, recipient, 1, CancellationToken.None));
            }
        }

        foreach (var message in plan.ChannelMessages)
        {
            var alertIds = message.AlertIds.ToArray();
            var channelId = message.ChannelId;
            jobs.Enqueue<DeliverChannelAlertJob>(job => job.RunAsync(alertIds, channelId, 1, CancellationToken.None));
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (plan.Held < pending.Count)
        {
            LogDispatched(pending.Count - plan.Held, plan.Emails.Count, plan.Held + heldCount);
        }

        return plan with { Held = plan.Held + heldCount, NextDueAt = AlertPlanner.Earliest(plan.NextDueAt, heldUntil) };
    }

    private async Task<Dictionary<long, ProjectAlertContext>> LoadProjectsAsync(
        List<long> projectIds, HashSet<long> withNewIssues, CancellationToken cancellationToken)
    {
        var rows = await db.Projects
            .Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.TeamId, IsLive = p.DeletedAt == null, p.AlertOnNewIssue, p.AlertOnRegression, p.AlertOnUnmute })
            .ToListAsync(cancellationToken);
        var recipientsByTeam = new Dictionary<long, IReadOnlyList<string>>();
        var result = new Dictionary<long, ProjectAlertContext>();
        foreach (var row in rows)
        {
            if (!recipientsByTeam.TryGetValue(row.TeamId, out var recipients))
            {
                recipients = recipientsByTeam[row.TeamId] = (await AlertRecipients.ForTeamAsync(db, row.TeamId, cancellationToken)).Addresses;
            }

            var lastNewIssueEmailAt = withNewIssues.Contains(row.Id)
                ? await LastNewIssueEmailAtAsync(row.Id, cancellationToken)
                : null;
            result[row.Id] = new ProjectAlertContext(
                row.Id, row.IsLive, row.AlertOnNewIssue, row.AlertOnRegression, row.AlertOnUnmute, recipients, lastNewIssueEmailAt)
            {
                Channels = await db.Set<AlertChannel>().AsNoTracking().Where(c => c.ProjectId == row.Id && c.IsEnabled).OrderBy(c => c.Id).ToListAsync(cancellationToken),
            };
        }

        return result;
    }

    private Task<DateTimeOffset?> LastNewIssueEmailAtAsync(long projectId, CancellationToken cancellationToken) => db.AlertRequests
        .Where(a => a.Status == AlertStatus.Sent && a.ProjectId == projectId && a.Kind == AlertKind.NewIssue)
        .OrderByDescending(a => a.Id)
        .Select(a => a.ProcessedAt)
        .FirstOrDefaultAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decided {Decided} alerts: {Emails} emails to send, {Held} held for coalescing")]
    private partial void LogDispatched(int decided, int emails, int held);
}
