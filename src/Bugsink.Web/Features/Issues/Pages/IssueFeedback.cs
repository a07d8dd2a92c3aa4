using Bugsink.Sentry.Events;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record FeedbackRow(string? Name, string? Email, string Comments, string? Url, string EventId, string When, string WhenExact);

// The user feedback about an issue's events (issue 25 item 5): feedback items are stored beside the
// attachments, linked to their event by event id, and are small JSON documents read here as they are.
public static class IssueFeedback
{
    public const int Shown = 100;

    private static readonly string[] FeedbackTypes = ["feedback", "user_report"];

    public static async Task<IReadOnlyList<FeedbackRow>> LoadAsync(AppDbContext db, Issue issue, DateTimeOffset now, CancellationToken ct)
    {
        var items = await db.EventAttachments.AsNoTracking()
            .Where(a => a.ProjectId == issue.ProjectId && FeedbackTypes.Contains(a.ItemType)
                && db.Events.Any(e => e.IssueId == issue.Id && e.ProjectId == issue.ProjectId && e.EventId == a.EventId))
            .OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Take(Shown)
            .Select(a => new { a.ItemType, a.Data, a.EventId, a.ReceivedAt }).ToListAsync(ct);
        return [.. items
            .Select(a => (Item: a, Content: FeedbackContent.Read(a.ItemType, a.Data)))
            .Where(x => x.Content is not null)
            .Select(x => new FeedbackRow(x.Content!.Name, x.Content.Email, x.Content.Comments, x.Content.Url, x.Item.EventId,
                Projects.TimeAgo.Describe(x.Item.ReceivedAt, now), IssueText.Exact(x.Item.ReceivedAt)))];
    }
}
