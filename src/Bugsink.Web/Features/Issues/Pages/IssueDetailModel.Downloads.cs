using System.Text.Json;
using Bugsink.Web.Features.Ingest;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

// Downloads of the issue page: the raw event, a Markdown summary, attachments. Always
// application/octet-stream with Content-Disposition: attachment, so stranger content never renders.
public sealed partial class IssueDetailModel
{
    // The raw event as the SDK sent it.
    public async Task<IActionResult> OnGetJsonAsync(long issueId, string? eventId, CancellationToken ct)
    {
        if (!await LoadAsync(issueId, eventId, ct) || Event is null)
        {
            return NotFound();
        }

        return File(PayloadCompression.Decompress(Event.Payload, Event.PayloadSize), "application/octet-stream", Event.EventId + ".json");
    }

    public async Task<IActionResult> OnGetMarkdownAsync(long issueId, string? eventId, CancellationToken ct)
    {
        if (!await LoadAsync(issueId, eventId, ct))
        {
            return NotFound();
        }

        var view = EventView.Unreadable;
        if (Event is { IsParsable: true })
        {
            using var document = JsonDocument.Parse(PayloadCompression.Decompress(Event.Payload, Event.PayloadSize), new JsonDocumentOptions { MaxDepth = 256 });
            view = EventView.Parse(document.RootElement, inAppOnly: false, oldestFirst: false);
        }

        var markdown = IssueMarkdown.Write(Issue, FriendlyId, State, Event, view);
        return File(System.Text.Encoding.UTF8.GetBytes(markdown), "application/octet-stream", FriendlyId + ".md");
    }

    // Stranger-sent bytes: always a download, never rendered.
    public async Task<IActionResult> OnGetAttachmentAsync(long issueId, string? eventId, long attachmentId, CancellationToken ct)
    {
        if (!await LoadAsync(issueId, eventId, ct) || Event is null)
        {
            return NotFound();
        }

        var attachment = await access.Attachments(User).AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && a.ProjectId == Event.ProjectId && a.EventId == Event.EventId, ct);
        return attachment is null ? NotFound() : File(attachment.Data, "application/octet-stream", attachment.Filename);
    }
}
