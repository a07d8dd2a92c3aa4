using System.Globalization;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record TagShare(string Value, long Count, string Percent);

public sealed record TagDistribution(string Key, IReadOnlyList<TagShare> Values);

public sealed record EventRow(string EventId, string Time, string TimeExact, string? Release, string? Environment);

public sealed record HistoryRow(long Id, IssueHistoryKind Kind, string What, string Actor, long? UserId, string At, string AtExact, string? Comment, bool Edited);

public sealed record GroupingRow(int Scheme, string Key);

// The parts of the issue page read from small rows, never from payloads.
public sealed record IssueSections(
    IReadOnlyList<TagDistribution> Tags,
    IReadOnlyList<EventRow> Events,
    IReadOnlyList<HistoryRow> History,
    IReadOnlyList<GroupingRow> Groupings,
    DailyChart Chart)
{
    public const int EventCount = 50;

    public static readonly IssueSections Empty = new([], [], [], [], DailyChart.Empty);

    public static async Task<IssueSections> LoadAsync(AppDbContext db, Issue issue, DateTimeOffset now, CancellationToken ct)
    {
        var tags = await db.IssueTags.AsNoTracking().Where(t => t.IssueId == issue.Id).Select(t => new { t.Key, t.Value, t.Count }).ToListAsync(ct);
        var distributions = tags.GroupBy(t => t.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var total = g.Sum(t => t.Count);
            return new TagDistribution(g.Key, [.. g.OrderByDescending(t => t.Count).Take(10)
                .Select(t => new TagShare(t.Value, t.Count, total == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(t.Count * 100.0 / total)}%")))]);
        }).ToList();
        var events = await db.Events.AsNoTracking().Where(e => e.IssueId == issue.Id)
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Take(EventCount)
            .Select(e => new { e.EventId, e.Timestamp, e.Release, e.Environment }).ToListAsync(ct);
        var history = await db.IssueHistory.AsNoTracking().Where(h => h.IssueId == issue.Id).OrderBy(h => h.At).ThenBy(h => h.Id).Take(500).ToListAsync(ct);
        var groupings = await db.Groupings.AsNoTracking().Where(g => g.IssueId == issue.Id).OrderBy(g => g.Id)
            .Select(g => new GroupingRow(g.SchemeVersion, g.Key)).Take(20).ToListAsync(ct);
        var firstHour = (now.ToUnixTimeSeconds() / 86400 - DailyChart.Days + 1) * 24;
        var hourly = await db.IssueHourlyCounts.AsNoTracking().Where(c => c.IssueId == issue.Id && c.Hour >= firstHour)
            .Select(c => new { c.Hour, c.Count }).ToListAsync(ct);
        return new IssueSections(
            distributions,
            [.. events.Select(e => new EventRow(e.EventId, Projects.TimeAgo.Describe(e.Timestamp, now), IssueText.Exact(e.Timestamp), e.Release, e.Environment))],
            [.. history.Select(h => new HistoryRow(h.Id, h.Kind, Describe(h), h.ActorName, h.UserId, Projects.TimeAgo.Describe(h.At, now), IssueText.Exact(h.At), h.Comment, h.EditedAt is not null))],
            groupings,
            DailyChart.For(hourly.Select(h => (h.Hour, h.Count)), now));
    }

    private static string Describe(IssueHistoryEntry entry)
    {
        var what = entry.Kind switch
        {
            IssueHistoryKind.Resolved => "resolved",
            IssueHistoryKind.ResolvedInNextRelease => "resolved in the next release",
            IssueHistoryKind.ResolvedInRelease => "resolved in release " + entry.Release,
            IssueHistoryKind.FixReleaseMaterialised => "fix release appeared: " + entry.Release,
            IssueHistoryKind.Reopened => "reopened",
            IssueHistoryKind.Regressed => "regressed" + (entry.Release is null ? "" : " in " + entry.Release),
            IssueHistoryKind.Muted => "muted",
            IssueHistoryKind.Unmuted => "unmuted",
            IssueHistoryKind.Deleted => "deleted",
            IssueHistoryKind.Comment => "commented",
            IssueHistoryKind.Assigned => "assigned it to",
            IssueHistoryKind.Unassigned => "unassigned",
            IssueHistoryKind.Merged => "merged into this issue:",
            IssueHistoryKind.MergingStopped => "stopped merging the key of",
            _ => entry.Kind.ToString(),
        };
        return entry.Detail is null ? what : what + " " + entry.Detail;
    }
}
