using System.Globalization;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// The facts of one chat or webhook message: what the email says (AlertFactsReader), plus each issue's
// level and last sighting, and the links under BUGSINK_BASE_URL. Null when nothing is left to tell.
public sealed class ChannelAlertReader(AppDbContext db, AlertFactsReader facts)
{
    public async Task<ChannelAlert?> ReadAsync(IReadOnlyList<long> alertIds, AlertLinks links, CancellationToken cancellationToken)
    {
        if (await facts.ReadAsync(alertIds, cancellationToken) is not { } alert)
        {
            return null;
        }

        var ids = alert.Issues.Select(i => i.Id).ToList();
        var extra = await db.Issues.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Level, i.LastSeen })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var issues = alert.Issues.Select(i => new ChannelIssue(
            i.Id,
            string.Create(CultureInfo.InvariantCulture, $"{alert.ProjectSlug.ToUpperInvariant()}-{i.Number}"),
            i.Title,
            i.Culprit,
            extra.TryGetValue(i.Id, out var e) ? e.Level : "error",
            i.EventCount,
            i.FirstSeen,
            extra.TryGetValue(i.Id, out var f) ? f.LastSeen : i.FirstSeen,
            links.Issue(i.Id))).ToList();
        return new ChannelAlert(
            Trigger(alert.Kind),
            Headline(alert.Kind, issues.Count),
            await ExplainAsync(alert, issues, cancellationToken),
            alert.Reason,
            alert.ProjectId,
            alert.ProjectName,
            alert.ProjectSlug,
            issues,
            alert.Event?.Release,
            alert.Event?.Environment,
            links.ProjectSettings(alert.ProjectId));
    }

    // What the email would say; an assignment names who and by whom, a regression its assignee (issue 25).
    // People's names and emails are strangers' text here too: every formatter escapes the explanation.
    private async Task<string?> ExplainAsync(AlertFacts alert, List<ChannelIssue> issues, CancellationToken cancellationToken)
    {
        if (alert.Kind == AlertKind.Assignment)
        {
            var (assignee, assignedBy) = Issues.Assignment.AssignmentReason.Read(alert.Reason);
            return $"{issues[0].Label} assigned to {assignee} by {assignedBy}.";
        }

        var explanation = AlertEmailComposer.Explain(alert.Kind, alert.Reason);
        if (alert.Kind == AlertKind.Regression && issues.Count == 1
            && await Issues.Assignment.AssigneeAlerts.EmailOfAssigneeAsync(db, issues[0].Id, cancellationToken) is { Length: > 0 } email)
        {
            return (explanation is null ? "" : explanation + " ") + $"{issues[0].Label} is assigned to {email}.";
        }

        return explanation;
    }

    // The webhook's "trigger" field.
    public static string Trigger(AlertKind kind) => kind switch
    {
        AlertKind.NewIssue => "new",
        AlertKind.Regression => "regression",
        AlertKind.Unmute => "unmute",
        AlertKind.Volume => "volume",
        AlertKind.Assignment => "assignment",
        _ => "alert",
    };

    private static string Headline(AlertKind kind, int issues) => kind switch
    {
        AlertKind.NewIssue when issues > 1 => string.Create(CultureInfo.InvariantCulture, $"{issues} new issues"),
        AlertKind.NewIssue => "New issue",
        AlertKind.Regression => "Regression",
        AlertKind.Unmute => "Unmuted",
        AlertKind.Volume => "Volume alert",
        AlertKind.Assignment => "Assigned",
        _ => "Alert",
    };
}
