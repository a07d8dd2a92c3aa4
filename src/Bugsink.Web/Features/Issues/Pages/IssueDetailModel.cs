using System.Globalization;
using System.Text.Json;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.SourceMaps.Symbolication;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record EventNavigation(string? First, string? Previous, string? Next, string? Last);

public sealed record AttachmentLink(long Id, string Filename, int Size);

// One issue (/issues/{id}/, the URL alert emails link to) shown through one of its events
// (/issues/{id}/events/{eventId}/; the latest by default), with the actions on the issue.
public sealed partial class IssueDetailModel(AppDbContext db, ProjectAccess access, IssueActions actions, TimeProvider time, EventSymbolicator symbolicator, SourceMapHint hint) : PageModel
{
    [FromQuery(Name = "raw")] public bool RawFrames { get; set; }

    // The event's JavaScript frames resolved with uploaded source maps; null when there was nothing to resolve.
    public SymbolicatedEvent? Symbolicated { get; private set; }

    // How to upload maps (sentry-cli), shown when a frame had none.
    public string? UploadHint { get; private set; }

    [FromQuery(Name = "inapp")] public bool InAppOnly { get; set; }

    [FromQuery(Name = "order")] public string? Order { get; set; }

    public Issue Issue { get; private set; } = null!;

    public string FriendlyId { get; private set; } = "";

    public string ProjectName { get; private set; } = "";

    public string ProjectSlug { get; private set; } = "";

    public string? State { get; private set; }

    public StoredEvent? Event { get; private set; }

    public EventView View { get; private set; } = EventView.Unreadable;

    public bool OldestFirst { get; private set; }

    public EventNavigation Navigation { get; private set; } = new(null, null, null, null);

    public IssueSections Sections { get; private set; } = IssueSections.Empty;

    public IReadOnlyList<FeedbackRow> Feedback { get; private set; } = [];

    public IReadOnlyList<AttachmentLink> Attachments { get; private set; } = [];

    public IReadOnlyList<string> Releases { get; private set; } = [];

    public string? AssigneeEmail { get; private set; }

    // The project's team, for "Assign to".
    public IReadOnlyList<(long Id, string Email)> Members { get; private set; } = [];

    public string EventPath => Event is null ? IssuePath : IssuePath + "events/" + Event.EventId + "/";

    public string IssuePath => string.Create(CultureInfo.InvariantCulture, $"/issues/{Issue.Id}/");

    public long? CurrentUserId => ProjectAccess.UserIdOf(User);

    public async Task<IActionResult> OnGetAsync(long issueId, string? eventId, CancellationToken ct)
    {
        // "Find an event by id" (?eventId=) answers with the event's own URL.
        if (!RouteData.Values.ContainsKey("eventId") && !string.IsNullOrWhiteSpace(eventId))
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{issueId}/events/{Uri.EscapeDataString(NormalizeEventId(eventId))}/"));
        }

        if (!await LoadAsync(issueId, eventId, ct))
        {
            // A merged issue's links lead to its survivor (issue 25), event links included.
            return await Merge.MergeRedirect.SurvivorOfAsync(db, access.Issues(User), issueId, ct) is { } survivor
                ? Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{survivor}/") + (eventId is null ? "" : "events/" + Uri.EscapeDataString(NormalizeEventId(eventId)) + "/"))
                : NotFound();
        }

        var platform = Event is null ? Issue.Platform : "other";
        if (Event is { IsParsable: true })
        {
            var payload = PayloadCompression.Decompress(Event.Payload, Event.PayloadSize);
            // Resolved on view (cached per upload), so events that came before their maps read resolved too.
            Symbolicated = await symbolicator.ResolveAsync(Event.ProjectId, payload, ct);
            using var document = JsonDocument.Parse(Symbolicated?.Json ?? payload, new JsonDocumentOptions { MaxDepth = 256 });
            platform = document.RootElement.Prop("platform").Str() ?? Issue.Platform;
            OldestFirst = Order is null ? EventView.OldestFirstByDefault(platform) : Order == "oldest";
            View = EventView.Parse(document.RootElement, InAppOnly, OldestFirst, RawFrames);
            UploadHint = Symbolicated is { AnyWithoutMap: true } ? hint.For(ProjectSlug, Event.Release) : null;
        }

        var now = time.GetUtcNow();
        Sections = await IssueSections.LoadAsync(db, Issue, now, ct);
        Feedback = await IssueFeedback.LoadAsync(db, Issue, now, ct);
        Members = await Assignment.TeamMembers.OfProjectAsync(db, Issue.ProjectId, ct);
        AssigneeEmail = Issue.AssigneeUserId is { } assignee
            ? await db.Users.AsNoTracking().Where(u => u.Id == assignee).Select(u => u.Email ?? "").FirstOrDefaultAsync(ct)
            : null;
        Releases = await db.Releases.AsNoTracking().Where(r => r.ProjectId == Issue.ProjectId)
            .OrderByDescending(r => r.Sequence).Select(r => r.Version).Take(50).ToListAsync(ct);
        if (Event is not null)
        {
            Attachments = await access.Attachments(User).AsNoTracking()
                .Where(a => a.ProjectId == Event.ProjectId && a.EventId == Event.EventId)
                .Select(a => new AttachmentLink(a.Id, a.Filename, (int)a.Size)).ToListAsync(ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostActionAsync(long issueId, [FromForm(Name = "action")] string? action, [FromForm(Name = "release")] string? release, [FromForm(Name = "assignee")] long? assignee, CancellationToken ct)
    {
        var issue = await access.Issues(User).AsNoTracking().FirstOrDefaultAsync(i => i.Id == issueId, ct);
        if (issue is null)
        {
            return NotFound();
        }

        var actor = IssueText.ActorOf(User);
        var now = time.GetUtcNow();
        try
        {
            await (action switch
            {
                "resolve" => actions.ResolveAsync(issueId, actor, ct),
                "resolve-next" => actions.ResolveInNextReleaseAsync(issueId, actor, ct),
                "resolve-release" => actions.ResolveInReleaseAsync(issueId, release ?? "", actor, ct),
                "reopen" => actions.ReopenAsync(issueId, actor, ct),
                _ when MuteForm.IsMute(action) => actions.MuteAsync(issueId, MuteForm.Read(action, Request.Form, now)!, actor, ct),
                "unmute" => actions.UnmuteAsync(issueId, actor, ct),
                "assign-me" => actions.AssignAsync(issueId, actor.UserId ?? throw new ArgumentException("Sign in to take an issue."), actor, ct),
                "assign" => actions.AssignAsync(issueId, assignee ?? throw new ArgumentException("Choose whom to assign it to."), actor, ct),
                "unassign" => actions.AssignAsync(issueId, null, actor, ct),
                "delete" => actions.DeleteAsync(issueId, actor, ct),
                _ => throw new ArgumentException("Unknown action."),
            });
            TempData["Flash"] = IssueText.ActionDone(action ?? "") + ".";
        }
        catch (ArgumentException e)
        {
            TempData["Flash"] = e.Message;
        }
        catch (IssueNotFoundException)
        {
            return NotFound();
        }

        return action == "delete"
            ? Redirect(string.Create(CultureInfo.InvariantCulture, $"/projects/{issue.ProjectId}/issues/"))
            : Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{issueId}/#history"));
    }

    public async Task<IActionResult> OnPostCommentAsync(long issueId, [FromForm(Name = "comment")] string? comment, [FromForm(Name = "entryId")] long? entryId, [FromForm(Name = "delete")] bool delete, CancellationToken ct)
    {
        if (!await access.Issues(User).AnyAsync(i => i.Id == issueId, ct))
        {
            return NotFound();
        }

        var actor = IssueText.ActorOf(User);
        try
        {
            if (entryId is { } id)
            {
                // Someone else's comment (or one on another issue) answers like a missing one.
                var done = await db.IssueHistory.AnyAsync(h => h.Id == id && h.IssueId == issueId, ct)
                    && (delete ? await actions.DeleteCommentAsync(id, actor, ct) : await actions.EditCommentAsync(id, comment ?? "", actor, ct));
                if (!done)
                {
                    return NotFound();
                }
            }
            else
            {
                await actions.AddCommentAsync(issueId, comment ?? "", actor, ct);
            }
        }
        catch (ArgumentException e)
        {
            TempData["Flash"] = e.Message;
        }

        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{issueId}/#history"));
    }

    public string Link(bool? inAppOnly = null, string? order = null, bool? raw = null) => EventPath + QueryString.Create(new Dictionary<string, string?>
    {
        ["inapp"] = (inAppOnly ?? InAppOnly) ? "true" : null,
        ["order"] = order ?? Order,
        ["raw"] = (raw ?? RawFrames) ? "true" : null,
    }.Where(p => p.Value is not null)) + "#stacktrace";

    // Event ids are stored as 32 lowercase hex; people paste them with dashes or in capitals.
    private static string NormalizeEventId(string eventId) => eventId.Trim().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private async Task<bool> LoadAsync(long issueId, string? eventId, CancellationToken ct)
    {
        var issue = await access.Issues(User).AsNoTracking().FirstOrDefaultAsync(i => i.Id == issueId, ct);
        if (issue is null)
        {
            return false;
        }

        Issue = issue;
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == issue.ProjectId).Select(p => new { p.Slug, p.Name }).FirstAsync(ct);
        FriendlyId = IssueText.FriendlyId(project.Slug, issue.Number);
        ProjectSlug = project.Slug;
        ProjectName = project.Name;
        State = IssueText.State(issue);
        // The issue came through access.Issues, so its events need no second check; access.Events would
        // make SQLite list every visible issue id first (100,000 of them) for each of the queries below.
        var events = db.Events.AsNoTracking().Where(e => e.IssueId == issueId);
        if (eventId is not null)
        {
            // (ProjectId, EventId) is unique and indexed; (IssueId, ...) alone would walk the issue's events.
            var normalized = NormalizeEventId(eventId);
            Event = await events.FirstOrDefaultAsync(e => e.ProjectId == issue.ProjectId && e.EventId == normalized, ct);
            if (Event is null)
            {
                return false;
            }
        }
        else
        {
            Event = await events.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        }

        if (Event is { } current)
        {
            Navigation = await EventNavigator.AroundAsync(events, current, ct);
        }

        return true;
    }
}
