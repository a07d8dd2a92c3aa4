using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Digest;

// Every statement the digest runs on the main database, prepared once per job run, in SQL both engines
// take (quoted names, TRUE/FALSE, CASE instead of SQLite's two-argument min/max or PostgreSQL's LEAST).
// What differs per engine (attachment bytes, the inbox bookkeeping) is IDigestInbox's.
internal sealed class DigestStatements(StatementConnection connection) : IDisposable
{
    public IStatement EventExists { get; } = connection.Prepare(
        """SELECT 1 FROM "Events" WHERE "ProjectId" = $p0 AND "EventId" = $p1""", 2);

    public IStatement FindGrouping { get; } = connection.Prepare(
        """SELECT "IssueId" FROM "Groupings" WHERE "ProjectId" = $p0 AND "KeyHash" = $p1""", 2);

    public IStatement NextIssueNumber { get; } = connection.Prepare(
        """UPDATE "Projects" SET "IssueSequence" = "IssueSequence" + 1 WHERE "Id" = $p0 RETURNING "IssueSequence" """, 1);

    public IStatement InsertIssue { get; } = connection.Prepare("""
        INSERT INTO "Issues" ("ProjectId", "Number", "Title", "Type", "Value", "Culprit", "Level", "Platform", "FirstSeen", "LastSeen",
                              "EventCount", "StoredEventCount", "IsResolved", "IsResolvedByNextRelease", "IsMuted", "IsDeleted")
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p8, 0, 0, FALSE, FALSE, FALSE, FALSE) RETURNING "Id"
        """, 9);

    public IStatement InsertGrouping { get; } = connection.Prepare("""
        INSERT INTO "Groupings" ("ProjectId", "IssueId", "SchemeVersion", "KeyHash", "Key") VALUES ($p0, $p1, $p2, $p3, $p4)
        """, 5);

    public IStatement DeleteGrouping { get; } = connection.Prepare(
        """DELETE FROM "Groupings" WHERE "ProjectId" = $p0 AND "KeyHash" = $p1""", 2);

    public IStatement InsertEvent { get; } = connection.Prepare("""
        INSERT INTO "Events" ("ProjectId", "IssueId", "EventId", "Timestamp", "IngestedAt", "DigestedAt", "Release", "Environment", "Level", "Title",
                              "IsParsable", "GroupingSchemeVersion", "Payload", "PayloadSize", "RemoteAddress", "IsProtected")
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15)
        """, 16);

    public IStatement UpdateIssueCounts { get; } = connection.Prepare("""
        UPDATE "Issues" SET "EventCount" = "EventCount" + $p1, "StoredEventCount" = "StoredEventCount" + $p1,
                            "FirstSeen" = CASE WHEN "FirstSeen" < $p2 THEN "FirstSeen" ELSE $p2 END,
                            "LastSeen" = CASE WHEN "LastSeen" > $p3 THEN "LastSeen" ELSE $p3 END
        WHERE "Id" = $p0
        """, 4);

    // The counter's own table name before "Count": PostgreSQL calls the bare name ambiguous beside excluded's.
    public IStatement AddIssueHour { get; } = connection.Prepare("""
        INSERT INTO "IssueHourlyCounts" ("IssueId", "Hour", "Count") VALUES ($p0, $p1, $p2)
        ON CONFLICT ("IssueId", "Hour") DO UPDATE SET "Count" = "IssueHourlyCounts"."Count" + excluded."Count"
        """, 3);

    public IStatement AddProjectHour { get; } = connection.Prepare("""
        INSERT INTO "ProjectHourlyCounts" ("ProjectId", "Hour", "Count") VALUES ($p0, $p1, $p2)
        ON CONFLICT ("ProjectId", "Hour") DO UPDATE SET "Count" = "ProjectHourlyCounts"."Count" + excluded."Count"
        """, 3);

    public IStatement AddIssueTag { get; } = connection.Prepare("""
        INSERT INTO "IssueTags" ("IssueId", "Key", "Value", "Count", "FirstSeen", "LastSeen") VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
        ON CONFLICT ("IssueId", "Key", "Value") DO UPDATE SET "Count" = "IssueTags"."Count" + excluded."Count",
            "FirstSeen" = CASE WHEN "IssueTags"."FirstSeen" < excluded."FirstSeen" THEN "IssueTags"."FirstSeen" ELSE excluded."FirstSeen" END,
            "LastSeen" = CASE WHEN "IssueTags"."LastSeen" > excluded."LastSeen" THEN "IssueTags"."LastSeen" ELSE excluded."LastSeen" END
        """, 6);

    private IEnumerable<IStatement> All =>
    [
        EventExists, FindGrouping, NextIssueNumber, InsertIssue, InsertGrouping, DeleteGrouping, InsertEvent, UpdateIssueCounts,
        AddIssueHour, AddProjectHour, AddIssueTag,
    ];

    public void Dispose()
    {
        foreach (var command in All)
        {
            command.Dispose();
        }
    }
}
