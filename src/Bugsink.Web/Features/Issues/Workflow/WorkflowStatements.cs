using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Issues.Workflow;

// The statements the digest runs for the issue workflow, prepared once per digest run on its connection,
// in SQL both engines take.
internal sealed class WorkflowStatements(StatementConnection connection) : IDisposable
{
    public IStatement LoadState { get; } = connection.Prepare("""
        SELECT "ProjectId", "IsResolved", "IsResolvedByNextRelease", "FixedInRelease", "ResolvedAt", "IsMuted", "MutedUntil",
               "UnmuteOnVolumeCount", "UnmuteOnVolumeWindowSeconds", "IsDeleted"
        FROM "Issues" WHERE "Id" = $p0
        """, 1);

    public IStatement SaveState { get; } = connection.Prepare("""
        UPDATE "Issues" SET "IsResolved" = $p1, "IsResolvedByNextRelease" = $p2, "FixedInRelease" = $p3, "ResolvedAt" = $p4,
                            "IsMuted" = $p5, "MutedUntil" = $p6, "UnmuteOnVolumeCount" = $p7, "UnmuteOnVolumeWindowSeconds" = $p8
        WHERE "Id" = $p0
        """, 9);

    // Events before the mute do not count towards its volume condition.
    public IStatement MutedAt { get; } = connection.Prepare(
        $"""SELECT max("At") FROM "IssueHistory" WHERE "IssueId" = $p0 AND "Kind" = {(int)IssueHistoryKind.Muted}""", 1);

    // Uses the (IssueId, Timestamp) index to reach the issue's rows; bounded by retention's per-project cap.
    public IStatement CountEventsSince { get; } = connection.Prepare(
        """SELECT count(*) FROM "Events" WHERE "IssueId" = $p0 AND "IngestedAt" > $p1""", 2);

    public IStatement MaterialiseNextRelease { get; } = connection.Prepare("""
        UPDATE "Issues" SET "IsResolvedByNextRelease" = FALSE, "FixedInRelease" = $p1
        WHERE "ProjectId" = $p0 AND "IsResolvedByNextRelease" = TRUE AND "IsDeleted" = FALSE
        RETURNING "Id"
        """, 2);

    public IStatement InsertHistory { get; } = connection.Prepare("""
        INSERT INTO "IssueHistory" ("IssueId", "Kind", "UserId", "ActorName", "At", "Release", "Detail") VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)
        """, 7);

    public IStatement InsertAlert { get; } = connection.Prepare($"""
        INSERT INTO "AlertRequests" ("ProjectId", "IssueId", "Kind", "Reason", "EventId", "CreatedAt", "Status")
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, {(int)AlertStatus.Pending})
        """, 6);

    public void Dispose()
    {
        LoadState.Dispose();
        MaterialiseNextRelease.Dispose();
        SaveState.Dispose();
        MutedAt.Dispose();
        CountEventsSince.Dispose();
        InsertHistory.Dispose();
        InsertAlert.Dispose();
    }
}
