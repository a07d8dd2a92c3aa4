using System.Globalization;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Issues.Pages.TextSearch;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record IssueRow(
    long Id, string FriendlyId, string ProjectName, string Title, string Level, long EventCount,
    string FirstSeen, string FirstSeenExact, string LastSeen, string LastSeenExact, string? State, Sparkline Sparkline, string? Assignee = null);

// The issue list of one project (/projects/{id}/issues/) or of every visible project (/issues/):
// tabs, search, sort, keyset pages, and bulk actions posted back to the same URL (POST-redirect-GET).
public sealed class IssueListModel(AppDbContext db, IIssueTextMatch text, ProjectAccess access, IssueActions actions, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "tab")] public IssueTab Tab { get; set; } = IssueTab.Open;

    [FromQuery(Name = "q")] public string? Query { get; set; }

    [FromQuery(Name = "sort")] public IssueSort Sort { get; set; } = IssueSort.LastSeen;

    [FromQuery(Name = "after")] public string? After { get; set; }

    public long? ProjectId { get; private set; }

    public string Heading { get; private set; } = "Issues";

    public IReadOnlyList<IssueRow> Issues { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string BasePath => ProjectId is { } id ? string.Create(CultureInfo.InvariantCulture, $"/projects/{id}/issues/") : "/issues/";

    public async Task<IActionResult> OnGetAsync(long? projectId, CancellationToken ct)
    {
        if (await ScopeAsync(projectId, ct) is not { } issues)
        {
            return NotFound();
        }

        var filtered = await IssueListQuery.FilterAsync(db, text, issues, Tab, IssueSearch.Parse(Query), ct, ProjectAccess.UserIdOf(User));
        var page = ProjectId is null
            ? await IssueListQuery.AcrossProjectsAsync(filtered, await access.ProjectIds(User).ToListAsync(ct), Sort, After, PageSize + 1, ct)
            : await IssueListQuery.Page(filtered, Sort, After).AsNoTracking().Take(PageSize + 1).ToListAsync(ct);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            NextCursor = IssueListQuery.CursorAfter(page[^1], Sort);
        }

        var now = time.GetUtcNow();
        var ids = page.Select(i => i.Id).ToList();
        var projectIds = page.Select(i => i.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Slug, p.Name), ct);
        var lastHour = now.ToUnixTimeSeconds() / 3600;
        var counts = await db.IssueHourlyCounts.AsNoTracking()
            .Where(c => ids.Contains(c.IssueId) && c.Hour > lastHour - Sparkline.Hours)
            .ToListAsync(ct);
        var byIssue = counts.ToLookup(c => c.IssueId, c => (c.Hour, c.Count));
        var assigneeIds = page.Where(i => i.AssigneeUserId != null).Select(i => i.AssigneeUserId!.Value).Distinct().ToList();
        var assignees = await db.Users.AsNoTracking().Where(u => assigneeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        Issues = [.. page.Select(i => new IssueRow(
            i.Id,
            IssueText.FriendlyId(projects[i.ProjectId].Slug, i.Number),
            projects[i.ProjectId].Name,
            i.Title,
            i.Level,
            i.EventCount,
            Projects.TimeAgo.Describe(i.FirstSeen, now),
            IssueText.Exact(i.FirstSeen),
            Projects.TimeAgo.Describe(i.LastSeen, now),
            IssueText.Exact(i.LastSeen),
            IssueText.State(i),
            Sparkline.For(byIssue[i.Id], lastHour),
            i.AssigneeUserId is { } assignee ? assignees.GetValueOrDefault(assignee) : null))];
        return Page();
    }

    // Bulk actions: the checked rows, filtered through what the user may see.
    public async Task<IActionResult> OnPostAsync(long? projectId, [FromForm(Name = "ids")] long[] ids, [FromForm(Name = "action")] string? action, CancellationToken ct)
    {
        if (await ScopeAsync(projectId, ct) is not { } issues)
        {
            return NotFound();
        }

        var visible = await issues.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        var actor = IssueText.ActorOf(User);
        var now = time.GetUtcNow();
        MuteSpec? mute;
        try
        {
            mute = MuteForm.Read(action, Request.Form, now);
            mute?.Validate(now);
        }
        catch (ArgumentException e)
        {
            TempData["Flash"] = e.Message;
            return Redirect(Request.Path + Request.QueryString);
        }

        Func<long, Task>? apply = action switch
        {
            "resolve" => id => actions.ResolveAsync(id, actor, ct),
            "resolve-next" => id => actions.ResolveInNextReleaseAsync(id, actor, ct),
            _ when mute is not null => id => actions.MuteAsync(id, mute, actor, ct),
            "assign-me" => id => AssignToMeAsync(id, actor, ct),
            "unmute" => id => actions.UnmuteAsync(id, actor, ct),
            "reopen" => id => actions.ReopenAsync(id, actor, ct),
            "delete" => id => actions.DeleteAsync(id, actor, ct),
            _ => null,
        };
        if (apply is null || visible.Count == 0)
        {
            TempData["Flash"] = "Select one or more issues and an action.";
        }
        else
        {
            foreach (var id in visible)
            {
                try
                {
                    await apply(id);
                }
                catch (IssueNotFoundException)
                {
                    // Deleted meanwhile: nothing left to change.
                }
            }

            TempData["Flash"] = string.Create(CultureInfo.InvariantCulture, $"{IssueText.ActionDone(action!)}: {visible.Count} issue{(visible.Count == 1 ? "" : "s")}.");
        }

        return Redirect(Request.Path + Request.QueryString);
    }

    // Someone not on an issue's team (an administrator) cannot take it: that issue is left as it was.
    private async Task AssignToMeAsync(long id, Actor actor, CancellationToken ct)
    {
        try
        {
            await actions.AssignAsync(id, actor.UserId ?? throw new ArgumentException("Sign in to take an issue."), actor, ct);
        }
        catch (ArgumentException)
        {
        }
    }

    public string LinkTo(IssueTab? tab = null, IssueSort? sort = null, string? after = null) =>
        BasePath + QueryString.Create(new Dictionary<string, string?>
        {
            ["tab"] = (tab ?? Tab).ToString().ToLowerInvariant(),
            ["q"] = string.IsNullOrEmpty(Query) ? null : Query,
            ["sort"] = (sort ?? Sort).ToString().ToLowerInvariant(),
            ["after"] = after,
        }.Where(p => p.Value is not null));

    private async Task<IQueryable<Issue>?> ScopeAsync(long? projectId, CancellationToken ct)
    {
        ProjectId = projectId;
        if (projectId is not { } id)
        {
            return access.Issues(User);
        }

        var name = await access.Projects(User).Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        Heading = name;
        return access.Issues(User).Where(i => i.ProjectId == id);
    }
}
