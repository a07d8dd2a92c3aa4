using Bugsink.Web.Features.Issues.Pages;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Merge;

public sealed record AbsorbedKey(long GroupingId, string FriendlyId, string Title, string Key);

public sealed record AbsorbedKeys(long IssueId, IReadOnlyList<AbsorbedKey> Keys);

// The issue page's list of grouping keys merged into this issue, each with the title of the issue it
// first led to and a "Stop merging" button. The caller has already checked that the issue is visible.
public sealed class AbsorbedKeysViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long issueId)
    {
        var rows = await db.Groupings.AsNoTracking().Where(g => g.IssueId == issueId && g.MergedFromIssueId != null)
            .Join(db.Issues, g => g.MergedFromIssueId, i => i.Id, (g, i) => new { g.Id, g.Key, i.Number, i.Title, i.ProjectId })
            .Join(db.Projects, x => x.ProjectId, p => p.Id, (x, p) => new { x.Id, x.Key, x.Number, x.Title, p.Slug })
            .OrderBy(x => x.Id).Take(200).ToListAsync(HttpContext.RequestAborted);
        var keys = rows.Select(r => new AbsorbedKey(r.Id, IssueText.FriendlyId(r.Slug, r.Number), r.Title, r.Key)).ToList();
        return View("~/Features/Issues/Merge/_AbsorbedKeys.cshtml", new AbsorbedKeys(issueId, keys));
    }
}
