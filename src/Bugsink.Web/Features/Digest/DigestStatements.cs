using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Digest;

// Every statement the digest runs, prepared once per job run on the main database connection.
internal sealed class DigestStatements(SqliteConnection connection) : IDisposable
{
    public PreparedCommand EventExists { get; } = new(connection,
        "SELECT 1 FROM Events WHERE ProjectId = $p0 AND EventId = $p1", 2);

    public PreparedCommand FindGrouping { get; } = new(connection,
        "SELECT IssueId FROM Groupings WHERE ProjectId = $p0 AND KeyHash = $p1", 2);

    public PreparedCommand NextIssueNumber { get; } = new(connection,
        "UPDATE Projects SET IssueSequence = IssueSequence + 1 WHERE Id = $p0 RETURNING IssueSequence", 1);

    public PreparedCommand InsertIssue { get; } = new(connection, """
        INSERT INTO Issues (ProjectId, Number, Title, Type, Value, Culprit, Level, Platform, FirstSeen, LastSeen, EventCount, StoredEventCount,
                            IsResolved, IsResolvedByNextRelease, IsMuted, IsDeleted)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p8, 0, 0, 0, 0, 0, 0) RETURNING Id
        """, 9);

    public PreparedCommand InsertGrouping { get; } = new(connection, """
        INSERT INTO Groupings (ProjectId, IssueId, SchemeVersion, KeyHash, Key) VALUES ($p0, $p1, $p2, $p3, $p4)
        """, 5);

    public PreparedCommand DeleteGrouping { get; } = new(connection,
        "DELETE FROM Groupings WHERE ProjectId = $p0 AND KeyHash = $p1", 2);

    public PreparedCommand InsertEvent { get; } = new(connection, """
        INSERT INTO Events (ProjectId, IssueId, EventId, Timestamp, IngestedAt, DigestedAt, Release, Environment, Level, Title,
                            IsParsable, GroupingSchemeVersion, Payload, PayloadSize, RemoteAddress, IsProtected)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15)
        """, 16);

    public PreparedCommand UpdateIssueCounts { get; } = new(connection, """
        UPDATE Issues SET EventCount = EventCount + $p1, StoredEventCount = StoredEventCount + $p1,
                          FirstSeen = min(FirstSeen, $p2), LastSeen = max(LastSeen, $p3)
        WHERE Id = $p0
        """, 4);

    public PreparedCommand AddIssueHour { get; } = new(connection, """
        INSERT INTO IssueHourlyCounts (IssueId, Hour, Count) VALUES ($p0, $p1, $p2)
        ON CONFLICT (IssueId, Hour) DO UPDATE SET Count = Count + excluded.Count
        """, 3);

    public PreparedCommand AddProjectHour { get; } = new(connection, """
        INSERT INTO ProjectHourlyCounts (ProjectId, Hour, Count) VALUES ($p0, $p1, $p2)
        ON CONFLICT (ProjectId, Hour) DO UPDATE SET Count = Count + excluded.Count
        """, 3);

    public PreparedCommand AddIssueTag { get; } = new(connection, """
        INSERT INTO IssueTags (IssueId, Key, Value, Count, FirstSeen, LastSeen) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
        ON CONFLICT (IssueId, Key, Value) DO UPDATE SET Count = Count + excluded.Count,
            FirstSeen = min(FirstSeen, excluded.FirstSeen), LastSeen = max(LastSeen, excluded.LastSeen)
        """, 6);

    // Room for the bytes, which are then copied from the inbox in chunks (incremental blob I/O).
    public PreparedCommand InsertAttachment { get; } = new(connection, """
        INSERT INTO EventAttachments (ProjectId, EventId, ItemType, Filename, ContentType, AttachmentType, Size, Data, ReceivedAt)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, zeroblob($p6), $p7) RETURNING Id
        """, 8);

    public PreparedCommand SaveProgress { get; } = new(connection,
        "UPDATE DigestProgress SET LastInboxEventId = $p0, LastInboxAttachmentId = $p1 WHERE Id = 1", 2);

    private IEnumerable<PreparedCommand> All =>
    [
        EventExists, FindGrouping, NextIssueNumber, InsertIssue, InsertGrouping, DeleteGrouping, InsertEvent, UpdateIssueCounts,
        AddIssueHour, AddProjectHour, AddIssueTag, InsertAttachment, SaveProgress,
    ];

    public void Dispose()
    {
        foreach (var command in All)
        {
            command.Dispose();
        }
    }
}
