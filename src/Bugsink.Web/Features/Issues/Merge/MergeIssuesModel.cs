using System.Globalization;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Issues.Pages;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Merge;

public sealed record MergeCandidate(long Id, string FriendlyId, string Title, long EventCount, string LastSeen);

// "Merge…" in the list's bulk bar posts the checked issues here; this page asks which one survives
// and, once told, merges the others into it.
public sealed class MergeIssuesModel(AppDbContext db, ProjectAccess access, IssueMerger merger) : PageModel
{
    public IReadOnlyList<MergeCandidate> Candidates { get; private set; } = [];

    // Why the selection cannot be merged (the page answers 400 with it).
    public string? Error { get; private set; }

    public string? ProjectName { get; private set; }

    public long ProjectId { get; private set; }

    public IActionResult OnGet() => Redirect("/issues/");

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "ids")] long[] ids, [FromForm(Name = "survivor")] long? survivor, CancellationToken ct)
    {
        var selected = ids.Distinct().Take(IssueMerger.MaxIssues + 1).ToList();
        var rows = await access.Issues(User).AsNoTracking().Where(i => selected.Contains(i.Id))
            .Join(db.Projects, i => i.ProjectId, p => p.Id, (i, p) => new { Issue = i, p.Slug, p.Name })
            .ToListAsync(ct);
        if (rows.Count != selected.Count)
        {
            return NotFound();
        }

        if (selected.Count < 2 || selected.Count > IssueMerger.MaxIssues)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture, $"Select between 2 and {IssueMerger.MaxIssues} issues to merge."));
        }

        if (rows.Select(r => r.Issue.ProjectId).Distinct().Count() > 1)
        {
            return Refuse("Issues of different projects cannot be merged.");
        }

        ProjectId = rows[0].Issue.ProjectId;
        ProjectName = rows[0].Name;
        Candidates = [.. rows.OrderByDescending(r => r.Issue.EventCount).ThenBy(r => r.Issue.Number).Select(r => new MergeCandidate(
            r.Issue.Id, IssueText.FriendlyId(r.Slug, r.Issue.Number), r.Issue.Title, r.Issue.EventCount, IssueText.Exact(r.Issue.LastSeen)))];
        if (survivor is not { } survivorId)
        {
            return Page();
        }

        if (!selected.Contains(survivorId))
        {
            return Refuse("The issue that survives must be one of the selected issues.");
        }

        try
        {
            var merged = await merger.MergeAsync(access.Issues(User), survivorId, [.. selected.Where(id => id != survivorId)], IssueText.ActorOf(User), ct);
            TempData["Flash"] = string.Create(CultureInfo.InvariantCulture,
                $"Merged {merged.Count} issue{(merged.Count == 1 ? "" : "s")} into this one; their events are moving here in the background.");
        }
        catch (IssueNotFoundException)
        {
            return NotFound();
        }
        catch (ArgumentException e)
        {
            return Refuse(e.Message);
        }

        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/issues/{survivorId}/"));
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Candidates = [];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
