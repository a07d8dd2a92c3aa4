using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Issues.Workflow;

// The statements the digest runs for the issue workflow, prepared once per digest run on its connection.
internal sealed class WorkflowStatements(SqliteConnection connection) : IDisposable
{
    public SqliteCommand LoadState { get; } = Reader(connection, """
        SELECT ProjectId, IsResolved, IsResolvedByNextRelease, FixedInRelease, ResolvedAt, IsMuted, MutedUntil,
               UnmuteOnVolumeCount, UnmuteOnVolumeWindowSeconds, IsDeleted
        FROM Issues WHERE Id = $p0
        """, 1);

    public PreparedCommand SaveState { get; } = new(connection, """
        UPDATE Issues SET IsResolved = $p1, IsResolvedByNextRelease = $p2, FixedInRelease = $p3, ResolvedAt = $p4,
                          IsMuted = $p5, MutedUntil = $p6, UnmuteOnVolumeCount = $p7, UnmuteOnVolumeWindowSeconds = $p8
        WHERE Id = $p0
        """, 9);

    // Events before the mute do not count towards its volume condition.
    public PreparedCommand MutedAt { get; } = new(connection,
        $"SELECT max(At) FROM IssueHistory WHERE IssueId = $p0 AND Kind = {(int)IssueHistoryKind.Muted}", 1);

    // Uses the (IssueId, Timestamp) index to reach the issue's rows; bounded by retention's per-project cap.
    public PreparedCommand CountEventsSince { get; } = new(connection,
        "SELECT count(*) FROM Events WHERE IssueId = $p0 AND IngestedAt > $p1", 2);

    public SqliteCommand MaterialiseNextRelease { get; } = Reader(connection, """
        UPDATE Issues SET IsResolvedByNextRelease = 0, FixedInRelease = $p1
        WHERE ProjectId = $p0 AND IsResolvedByNextRelease = 1 AND IsDeleted = 0
        RETURNING Id
        """, 2);

    public PreparedCommand InsertHistory { get; } = new(connection, """
        INSERT INTO IssueHistory (IssueId, Kind, UserId, ActorName, At, Release, Detail) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)
        """, 7);

    public PreparedCommand InsertAlert { get; } = new(connection, $"""
        INSERT INTO AlertRequests (ProjectId, IssueId, Kind, Reason, EventId, CreatedAt, Status)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, {(int)AlertStatus.Pending})
        """, 6);

    // Only the ADO.NET readers need to be told; prepared commands run in the connection's transaction.
    public void Enlist(SqliteTransaction transaction) => LoadState.Transaction = MaterialiseNextRelease.Transaction = transaction;

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

    private static SqliteCommand Reader(SqliteConnection connection, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
        }

        return command;
    }
}
