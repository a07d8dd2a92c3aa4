using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Issues.Pages;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Merge;

// Merging issues of one project into a survivor, and undoing it for one key. The merge itself is one
// short transaction (BEGIN IMMEDIATE, so no digest batch is half before and half after it): the merged
// issues are hidden as deleted ones are, the survivor's event count becomes the sum, and their grouping
// keys lead to the survivor. Events, tags, hourly counts and history follow in MoveMergedIssueJob.
//
// Errors: IssueNotFoundException for an issue that is unknown, not visible or gone (404);
// ArgumentException for a merge that makes no sense (400).
public sealed class IssueMerger(AppDbContext db, IssueCache cache, IBackgroundJobClient jobs, TimeProvider time)
{
    public const int MaxIssues = 100;

    // visible: the issues the caller may see (ProjectAccess.Issues); every id is looked up through it.
    public async Task<IReadOnlyList<long>> MergeAsync(IQueryable<Issue> visible, long survivorId, IReadOnlyCollection<long> mergedIds, Actor actor, CancellationToken ct)
    {
        var ids = mergedIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new ArgumentException("Name at least one issue to merge into this one.");
        }

        if (ids.Count > MaxIssues)
        {
            throw new ArgumentException($"At most {MaxIssues} issues can be merged at once.");
        }

        if (ids.Contains(survivorId))
        {
            throw new ArgumentException("An issue cannot be merged into itself.");
        }

        var seen = await visible.Where(i => i.Id == survivorId || ids.Contains(i.Id)).Select(i => new { i.Id, i.ProjectId }).ToListAsync(ct);
        var missing = ids.Append(survivorId).FirstOrDefault(id => seen.All(i => i.Id != id), -1);
        if (missing != -1)
        {
            throw new IssueNotFoundException(missing);
        }

        if (seen.Select(i => i.ProjectId).Distinct().Count() > 1)
        {
            throw new ArgumentException("Issues of different projects cannot be merged.");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var issues = await db.Issues.Where(i => (i.Id == survivorId || ids.Contains(i.Id)) && !i.IsDeleted).ToListAsync(ct);
            var survivor = issues.FirstOrDefault(i => i.Id == survivorId) ?? throw new IssueNotFoundException(survivorId);
            if (ids.FirstOrDefault(id => issues.All(i => i.Id != id), -1) is var gone and not -1)
            {
                throw new IssueNotFoundException(gone);
            }

            var slug = await db.Projects.Where(p => p.Id == survivor.ProjectId).Select(p => p.Slug).FirstAsync(ct);
            var now = time.GetUtcNow();
            foreach (var merged in issues.Where(i => i.Id != survivorId).OrderBy(i => i.Number))
            {
                Absorb(survivor, merged);
                await RepointAsync(merged.Id, survivorId, ct);
                db.IssueMerges.Add(new IssueMerge { MergedIssueId = merged.Id, SurvivorIssueId = survivorId, ProjectId = survivor.ProjectId, MergedAt = now });
                db.IssueHistory.Add(IssueActions.NewEntry(survivorId, IssueHistoryKind.Merged, actor, now, detail: Describe(slug, merged)));
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var id in ids)
        {
            cache.RemoveIssue(id);
            jobs.Enqueue<MoveMergedIssueJob>(job => job.RunAsync(id, survivorId, CancellationToken.None));
        }

        return ids;
    }

    // Future events of this absorbed key open a new issue again; what already moved stays.
    public async Task StopMergingAsync(long survivorId, long groupingId, Actor actor, CancellationToken ct)
    {
        var key = await db.Groupings.AsNoTracking().Where(g => g.Id == groupingId && g.IssueId == survivorId && g.MergedFromIssueId != null)
            .Select(g => new { g.ProjectId, g.KeyHash }).FirstOrDefaultAsync(ct) ?? throw new IssueNotFoundException(survivorId);
        cache.NeverCache(key.ProjectId, key.KeyHash);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var grouping = await db.Groupings.FirstOrDefaultAsync(g => g.Id == groupingId && g.IssueId == survivorId && g.MergedFromIssueId != null, ct)
            ?? throw new IssueNotFoundException(survivorId);
        if (!await db.Issues.AnyAsync(i => i.Id == survivorId && !i.IsDeleted, ct))
        {
            throw new IssueNotFoundException(survivorId);
        }

        var origin = await db.Issues.Where(i => i.Id == grouping.MergedFromIssueId)
            .Join(db.Projects, i => i.ProjectId, p => p.Id, (i, p) => new { Issue = i, p.Slug }).FirstOrDefaultAsync(ct);
        db.Groupings.Remove(grouping);
        var detail = origin is null ? "an issue deleted since" : Describe(origin.Slug, origin.Issue);
        db.IssueHistory.Add(IssueActions.NewEntry(survivorId, IssueHistoryKind.MergingStopped, actor, time.GetUtcNow(), detail: detail));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static void Absorb(Issue survivor, Issue merged)
    {
        merged.IsDeleted = true;
        survivor.EventCount += merged.EventCount;
        survivor.FirstSeen = merged.FirstSeen < survivor.FirstSeen ? merged.FirstSeen : survivor.FirstSeen;
        survivor.LastSeen = merged.LastSeen > survivor.LastSeen ? merged.LastSeen : survivor.LastSeen;
    }

    // The merged issue's keys (its own and those it had absorbed) now lead to the survivor, and so do
    // the redirects of issues merged into it earlier.
    private async Task RepointAsync(long mergedId, long survivorId, CancellationToken ct)
    {
        await db.Groupings.Where(g => g.IssueId == mergedId).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.MergedFromIssueId, g => g.MergedFromIssueId ?? mergedId)
            .SetProperty(g => g.IssueId, survivorId), ct);
        await db.IssueMerges.Where(m => m.SurvivorIssueId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(m => m.SurvivorIssueId, survivorId), ct);
    }

    private static string Describe(string slug, Issue issue) => IssueText.FriendlyId(slug, issue.Number) + " \u201c" + issue.Title + "\u201d";
}
