namespace Bugsink.Web.Features.Digest;

// Per-batch sums, so each issue, hour and tag is written once per batch instead of once per event.
// One instance serves every batch: cleared dictionaries keep their capacity, and a 5,000-event batch's
// tag table (~20,000 entries) would otherwise be a new large-object-heap array, and a full collection
// in the making, every batch.
internal sealed class BatchTotals
{
    public Dictionary<long, (long Count, DateTimeOffset First, DateTimeOffset Last)> Issues { get; } = [];

    public Dictionary<(long IssueId, long Hour), long> IssueHours { get; } = [];

    public Dictionary<(long ProjectId, long Hour), long> ProjectHours { get; } = [];

    public Dictionary<(long IssueId, string Key, string Value), (long Count, DateTimeOffset First, DateTimeOffset Last)> Tags { get; } = [];

    public void Add(long issueId, PreparedEvent prepared)
    {
        var seen = prepared.Row.ReceivedAt;
        Issues[issueId] = Issues.TryGetValue(issueId, out var issue)
            ? (issue.Count + 1, Min(issue.First, seen), Max(issue.Last, seen))
            : (1, seen, seen);

        var hour = seen.ToUnixTimeSeconds() / 3600;
        IssueHours[(issueId, hour)] = IssueHours.GetValueOrDefault((issueId, hour)) + 1;
        ProjectHours[(prepared.Row.ProjectId, hour)] = ProjectHours.GetValueOrDefault((prepared.Row.ProjectId, hour)) + 1;

        foreach (var (key, value) in prepared.Tags)
        {
            var tagKey = (issueId, key, value);
            Tags[tagKey] = Tags.TryGetValue(tagKey, out var tag) ? (tag.Count + 1, Min(tag.First, seen), Max(tag.Last, seen)) : (1, seen, seen);
        }
    }

    public void Clear()
    {
        Issues.Clear();
        IssueHours.Clear();
        ProjectHours.Clear();
        Tags.Clear();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
