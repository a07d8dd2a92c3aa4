using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Merge;

// Old links to a merged issue lead to its survivor, for whoever may see the survivor.
public static class MergeRedirect
{
    public static async Task<long?> SurvivorOfAsync(AppDbContext db, IQueryable<Issue> visible, long issueId, CancellationToken ct)
    {
        var survivor = await db.IssueMerges.AsNoTracking().Where(m => m.MergedIssueId == issueId).Select(m => (long?)m.SurvivorIssueId).FirstOrDefaultAsync(ct);
        return survivor is { } id && await visible.AnyAsync(i => i.Id == id, ct) ? id : null;
    }
}
