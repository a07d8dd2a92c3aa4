using System.Text.Json;

namespace Bugsink.E2E.Data;

// What the server stored for one project, read either through the JSON API or from the SQLite files.
// Fields the chosen source cannot give are null.
public sealed record StoredIssue(long Id, string Title, string Level, string? Culprit, long EventCount);

public sealed record StoredEvent(long IssueId, string EventId, string? Release, string? Environment, JsonElement Data);

public sealed record StoredAttachment(string EventId, string ItemType, string Filename, byte[] Data);

public sealed class ProjectData
{
    public required long ProjectId { get; init; }

    public required IReadOnlyList<StoredIssue> Issues { get; init; }

    public required IReadOnlyList<StoredEvent> Events { get; init; }

    public required IReadOnlyList<string> Releases { get; init; }

    // Issue id -> (tag key, tag value) pairs the digest counted for it; null when the source has none.
    public IReadOnlyDictionary<long, IReadOnlyList<KeyValuePair<string, string>>>? IssueTags { get; init; }

    public IReadOnlyList<StoredAttachment>? Attachments { get; init; }

    // Item type -> how many the server accepted and dropped for this project (sessions, client reports…).
    public IReadOnlyDictionary<string, long>? DroppedItems { get; init; }

    public IEnumerable<StoredEvent> EventsOf(StoredIssue issue) => Events.Where(e => e.IssueId == issue.Id);
}
