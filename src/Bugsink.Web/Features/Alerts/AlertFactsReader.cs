using Bugsink.Sentry.Events;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Alerts;

// Loads the facts for one email from the alerts it covers; null when there is nothing left to tell
// (project or every issue deleted since).
public sealed class AlertFactsReader(AppDbContext db)
{
    public async Task<AlertFacts?> ReadAsync(IReadOnlyList<long> alertIds, CancellationToken cancellationToken)
    {
        var alerts = await db.AlertRequests.AsNoTracking().Where(a => alertIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var lead = alerts.Find(a => a.Id == alertIds[0]);
        if (lead is null)
        {
            return null;
        }

        var project = await db.Projects.AsNoTracking()
            .Where(p => p.Id == lead.ProjectId && p.DeletedAt == null)
            .Select(p => new { p.Name, p.Slug, p.TeamId, TeamName = p.Team!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        var issueIds = alerts.Select(a => a.IssueId).Distinct().ToList();
        var issues = await db.Issues.AsNoTracking()
            .Where(i => issueIds.Contains(i.Id) && !i.IsDeleted)
            .OrderBy(i => i.Number)
            .Select(i => new IssueFacts(i.Id, i.Number, i.Title, i.Culprit, i.FirstSeen, i.EventCount))
            .ToListAsync(cancellationToken);
        if (project is null || issues.Count == 0)
        {
            return null;
        }

        var eventFacts = issues.Count == 1 ? await ReadEventAsync(lead, cancellationToken) : null;
        var recipients = await AlertRecipients.ForTeamAsync(db, project.TeamId, cancellationToken);
        return new AlertFacts(
            lead.Kind, lead.Reason, lead.ProjectId, project.Name, project.Slug, issues, eventFacts, recipients.TeamHasNone ? project.TeamName : null);
    }

    // The event that raised the alert, or the issue's latest when that one was evicted already.
    private async Task<EventFacts?> ReadEventAsync(AlertRequest alert, CancellationToken cancellationToken)
    {
        var events = db.Events.AsNoTracking();
        var chosen = alert.EventId is { } eventId
            ? events.Where(e => e.ProjectId == alert.ProjectId && e.EventId == eventId)
            : events.Where(e => false);
        var stored = await chosen.Select(e => new { e.Release, e.Environment, e.IsParsable, e.Payload, e.PayloadSize }).FirstOrDefaultAsync(cancellationToken)
            ?? await events.Where(e => e.IssueId == alert.IssueId).OrderByDescending(e => e.Timestamp)
                .Select(e => new { e.Release, e.Environment, e.IsParsable, e.Payload, e.PayloadSize }).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        StackFrameData? frame = null;
        if (stored.IsParsable)
        {
            try
            {
                frame = EventData.Parse(PayloadCompression.Decompress(stored.Payload, stored.PayloadSize)).CrashFrame;
            }
            catch (InvalidDataException)
            {
                // A damaged payload costs the email its frame, not the email.
            }
        }

        return new EventFacts(stored.Release, stored.Environment, frame);
    }
}
