using Bugsink.Web.Features.AlertChannels;

namespace Bugsink.Web.Features.Alerts;

// Decides, for every pending alert, whether it is sent, recorded, suppressed, folded into a digest or held
// for a little longer. Pure: the caller loads the facts and saves the statuses this sets.
//
// Coalescing sends the first new issue of a project at once; new issues arriving within the window after
// that email wait, and when the window is over they go out together as one digest, which starts the next
// window. A storm therefore costs one email per window per project, and a lone new issue is never delayed.
//
// Statuses as set here: Sent means the email (a single alert, or the lead of a digest) was handed to the
// send jobs, and it is what the hourly cap counts; whether the mail server accepted it is in EmailLog.
public static class AlertPlanner
{
    public static AlertPlan Plan(
        IReadOnlyList<AlertRequest> pending,
        IReadOnlyDictionary<long, ProjectAlertContext> projects,
        IReadOnlySet<long> liveIssueIds,
        bool canSend,
        int sentInLastHour,
        AlertOptions options,
        DateTimeOffset now)
    {
        var emails = new List<PlannedEmail>();
        var channelMessages = new List<PlannedChannelMessage>();
        var held = 0;
        DateTimeOffset? nextDueAt = null;
        var newIssueProjectsDone = new HashSet<long>();
        foreach (var alert in pending.OrderBy(a => a.Id))
        {
            List<AlertRequest> group;
            if (alert.Kind == AlertKind.NewIssue && options.CoalesceWindowSeconds > 0)
            {
                if (!newIssueProjectsDone.Add(alert.ProjectId))
                {
                    continue;
                }

                group = pending.Where(a => a.ProjectId == alert.ProjectId && a.Kind == AlertKind.NewIssue).OrderBy(a => a.Id).ToList();
            }
            else
            {
                group = [alert];
            }

            // Alerts of issues deleted since are recorded; they must not keep a digest waiting.
            foreach (var gone in group.Where(a => !liveIssueIds.Contains(a.IssueId)))
            {
                Mark(gone, AlertStatus.Recorded, now);
            }

            group.RemoveAll(a => a.Status != AlertStatus.Pending);
            if (group.Count == 0)
            {
                continue;
            }

            var project = projects.GetValueOrDefault(alert.ProjectId);
            if (project is null)
            {
                group.ForEach(a => Mark(a, AlertStatus.Recorded, now));
                continue;
            }

            // Email and chat/webhook channels are two ways out; the email's reason for not sending is
            // recorded only when no channel wants the alert either.
            var emailBlocked = WhyNotSent(project, alert.Kind, canSend);
            var channels = project.IsLive ? project.Channels.Where(c => c.Wants(alert.Kind)).ToList() : [];
            var byEmail = emailBlocked is null;
            if (emailBlocked is { } notSent && channels.Count == 0)
            {
                group.ForEach(a => Mark(a, notSent, now));
                continue;
            }

            if (alert.Kind == AlertKind.NewIssue && HoldsNewIssuesUntil(project, canSend, options, now) is { } due)
            {
                held += group.Count;
                nextDueAt = Earliest(nextDueAt, due);
                continue;
            }

            if (sentInLastHour >= options.MaxEmailsPerHour)
            {
                group.ForEach(a => Mark(a, AlertStatus.Suppressed, now));
                continue;
            }

            sentInLastHour++;
            Mark(group[0], AlertStatus.Sent, now);
            group.Skip(1).ToList().ForEach(a => Mark(a, AlertStatus.Coalesced, now));
            var alertIds = group.Select(a => a.Id).ToList();
            if (byEmail)
            {
                emails.Add(new PlannedEmail(alert.ProjectId, alertIds));
            }

            channelMessages.AddRange(channels.Select(c => new PlannedChannelMessage(c.Id, alertIds)));
        }

        return new AlertPlan(emails, held, nextDueAt) { ChannelMessages = channelMessages };
    }

    // When the project's new-issue alerts wait for its coalescing window to end; null when they are decided
    // now. The dispatch job asks this before loading alerts, so that a storm's held alerts are not read again
    // on every nudge; Plan asks it too, so the two never disagree.
    public static DateTimeOffset? HoldsNewIssuesUntil(ProjectAlertContext project, bool canSend, AlertOptions options, DateTimeOffset now)
    {
        if (project.LastNewIssueEmailAt is not { } last || now >= last + options.CoalesceWindow)
        {
            return null;
        }

        var byChannel = project.IsLive && project.Channels.Any(c => c.Wants(AlertKind.NewIssue));
        return byChannel || WhyNotSent(project, AlertKind.NewIssue, canSend) is null ? last + options.CoalesceWindow : null;
    }

    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is not null && b < a) ? b : a;

    // Why an alert is not sent is kept apart, so /admin/email/ can tell a choice (switched off, or the
    // project is gone) from a problem (no SMTP server, nobody to send to). Null: it is to be sent.
    private static AlertStatus? WhyNotSent(ProjectAlertContext project, AlertKind kind, bool canSend) =>
        !project.IsLive || !project.Wants(kind) ? AlertStatus.Recorded
        : !canSend ? AlertStatus.NoSmtp
        : project.Recipients.Count == 0 ? AlertStatus.NoRecipient
        : null;

    private static void Mark(AlertRequest alert, AlertStatus status, DateTimeOffset now)
    {
        alert.Status = status;
        alert.ProcessedAt = now;
    }
}
