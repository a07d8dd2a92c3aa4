using System.Globalization;
using Bugsink.Web.Features.Issues.Pages.TextSearch;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

public enum IssueTab
{
    Open,
    Unresolved,
    Resolved,
    Muted,
    All,
}

public enum IssueSort
{
    LastSeen,
    FirstSeen,
    EventCount,
}

// Filters, sorts and pages issues with a keyset cursor ("value.id" of the last row shown), so a page
// deep in a list of 100,000 issues costs what the first one costs: an index range scan of
// (ProjectId, LastSeen / FirstSeen / EventCount).
public static class IssueListQuery
{
    // A tag value or a word carried by at most this many issues is looked up first (see FilterAsync).
    public const int RareMatchIssues = 5_000;

    // currentUserId: who "assigned:me" is (null for an installation token: matches nothing).
    // text: how the engine finds words in titles (TextSearch: FTS5 on SQLite, pg_trgm on PostgreSQL).
    public static async Task<IQueryable<Issue>> FilterAsync(
        AppDbContext db, IIssueTextMatch text, IQueryable<Issue> issues, IssueTab tab, IssueSearch search, CancellationToken ct, long? currentUserId = null)
    {
        issues = tab switch
        {
            IssueTab.Open => issues.Where(i => !i.IsResolved && !i.IsMuted),
            IssueTab.Unresolved => issues.Where(i => !i.IsResolved),
            IssueTab.Resolved => issues.Where(i => i.IsResolved),
            IssueTab.Muted => issues.Where(i => i.IsMuted),
            _ => issues,
        };
        foreach (var state in search.States)
        {
            issues = state switch
            {
                "resolved" => issues.Where(i => i.IsResolved),
                "unresolved" => issues.Where(i => !i.IsResolved),
                "muted" => issues.Where(i => i.IsMuted),
                "unmuted" => issues.Where(i => !i.IsMuted),
                "assigned" => issues.Where(i => i.AssigneeUserId != null),
                "unassigned" => issues.Where(i => i.AssigneeUserId == null),
                _ => issues,
            };
        }

        foreach (var who in search.Assigned)
        {
            issues = await AssignedToAsync(db, issues, who, currentUserId, ct);
        }

        if (search.Level is { } level)
        {
            issues = issues.Where(i => i.Level == level);
        }

        var tags = search.Tags.ToList();
        if (search.Release is { } release)
        {
            tags.Add(new("release", release));
        }

        if (search.Environment is { } environment)
        {
            tags.Add(new("environment", environment));
        }

        foreach (var (key, value) in tags)
        {
            // Which way is fast depends on how common the value is, and SQLite has no statistics to
            // know (measured with 100,000 issues): a rare one (one release) is found through the
            // (Key, Value) index, 30 ms instead of 210 ms checking every issue in list order; a common
            // one (a browser) the other way round, 40 ms instead of 2 s listing its issues. Counting up
            // to the limit on the (Key, Value) index tells them apart in about a millisecond.
            var carriers = db.IssueTags.Where(t => t.Key == key && t.Value == value);
            issues = await IsRareAsync(carriers, ct)
                ? issues.Where(i => carriers.Select(t => t.IssueId).Contains(i.Id))
                : issues.Where(i => db.IssueTags.Any(t => t.IssueId == i.Id && t.Key == key && t.Value == value));
        }

        foreach (var word in search.FreeText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(IssueSearch.MaxTerms))
        {
            issues = await text.ContainingAsync(db, issues, word, ct);
        }

        return issues;
    }

    // assigned:me / assigned:none / assigned:EMAIL; an unknown address matches nothing.
    private static async Task<IQueryable<Issue>> AssignedToAsync(AppDbContext db, IQueryable<Issue> issues, string who, long? currentUserId, CancellationToken ct)
    {
        switch (who.ToLowerInvariant())
        {
            case "none": return issues.Where(i => i.AssigneeUserId == null);
            case "me": return currentUserId is { } me ? issues.Where(i => i.AssigneeUserId == me) : issues.Where(i => false);
            default:
                var normalized = who.Trim().ToUpperInvariant();
                var ids = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync(ct);
                return issues.Where(i => i.AssigneeUserId != null && ids.Contains(i.AssigneeUserId.Value));
        }
    }

    internal static async Task<bool> IsRareAsync<T>(IQueryable<T> carriers, CancellationToken ct) =>
        await carriers.Take(RareMatchIssues + 1).CountAsync(ct) <= RareMatchIssues;

    // Newest / largest first; ties broken by id so the cursor is exact.
    public static IQueryable<Issue> Page(IQueryable<Issue> issues, IssueSort sort, string? after)
    {
        var cursor = Cursor.Parse(after);
        switch (sort)
        {
            case IssueSort.FirstSeen:
                if (cursor is { } f && UnixTime.IsRepresentable(f.Value))
                {
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(f.Value);
                    issues = issues.Where(i => i.FirstSeen < at || (i.FirstSeen == at && i.Id < f.Id));
                }

                return issues.OrderByDescending(i => i.FirstSeen).ThenByDescending(i => i.Id);
            case IssueSort.EventCount:
                if (cursor is { } c)
                {
                    issues = issues.Where(i => i.EventCount < c.Value || (i.EventCount == c.Value && i.Id < c.Id));
                }

                return issues.OrderByDescending(i => i.EventCount).ThenByDescending(i => i.Id);
            default:
                if (cursor is { } l && UnixTime.IsRepresentable(l.Value))
                {
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(l.Value);
                    issues = issues.Where(i => i.LastSeen < at || (i.LastSeen == at && i.Id < l.Id));
                }

                return issues.OrderByDescending(i => i.LastSeen).ThenByDescending(i => i.Id);
        }
    }

    // Across projects SQLite picks the (ProjectId, ...) index for "ProjectId IN (...)" and then sorts
    // every matching issue (100,000 rows: hundreds of ms). One page per project, each an index range scan
    // that stops after `take` rows, merged here, costs a few ms per project; beyond MaxMergedProjects
    // the single sorted query is the cheaper one.
    public const int MaxMergedProjects = 40;

    public static async Task<List<Issue>> AcrossProjectsAsync(
        IQueryable<Issue> issues, IReadOnlyList<long> projectIds, IssueSort sort, string? after, int take, CancellationToken ct)
    {
        if (projectIds.Count > MaxMergedProjects)
        {
            return await Page(issues, sort, after).AsNoTracking().Take(take).ToListAsync(ct);
        }

        var merged = new List<Issue>();
        foreach (var projectId in projectIds)
        {
            merged.AddRange(await Page(issues.Where(i => i.ProjectId == projectId), sort, after).AsNoTracking().Take(take).ToListAsync(ct));
        }

        var ordered = sort switch
        {
            IssueSort.FirstSeen => merged.OrderByDescending(i => i.FirstSeen),
            IssueSort.EventCount => merged.OrderByDescending(i => i.EventCount),
            _ => merged.OrderByDescending(i => i.LastSeen),
        };
        return [.. ordered.ThenByDescending(i => i.Id).Take(take)];
    }

    public static string CursorAfter(Issue last, IssueSort sort) => new Cursor(sort switch
    {
        IssueSort.FirstSeen => last.FirstSeen.ToUnixTimeMilliseconds(),
        IssueSort.EventCount => last.EventCount,
        _ => last.LastSeen.ToUnixTimeMilliseconds(),
    }, last.Id).ToString();

    private readonly record struct Cursor(long Value, long Id)
    {
        public static Cursor? Parse(string? text)
        {
            var parts = text?.Split('.');
            return parts is [var value, var id]
                && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                && long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                ? new Cursor(v, i)
                : null;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value}.{Id}");
    }
}
