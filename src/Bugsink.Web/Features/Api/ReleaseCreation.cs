using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Database.Statements;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Api;

// Registers a release announced through the API (a deploy script, before any event carries it), with
// the same consequence as the digest seeing it first: when it is the project's newest release, issues
// resolved "in the next release" are now fixed in it. BEGIN IMMEDIATE serialises this with digest
// batches, which read issue state from the database, so neither overwrites the other.
public sealed class ReleaseCreation(IOptions<SiteOptions> site, TimeProvider time)
{
    public Release Create(long projectId, string version, out bool isNew)
    {
        using var statements = new SqliteStatementConnection(SqliteConnectionFactory.Open(site.Value.MainDatabasePath));
        var connection = statements.Connection;
        // Microsoft.Data.Sqlite begins IMMEDIATE unless told otherwise.
        using var transaction = statements.BeginTransaction();
        using var registry = new ReleaseRegistry(statements);
        registry.BeginBatch();
        var now = time.GetUtcNow();
        isNew = registry.Register(projectId, version, now, out var release);
        if (isNew && registry.IsLatest(release))
        {
            MaterialiseNextRelease(connection, (SqliteTransaction)statements.Transaction!, projectId, version, now);
        }

        transaction.Commit();
        return release;
    }

    private static void MaterialiseNextRelease(SqliteConnection connection, SqliteTransaction transaction, long projectId, string version, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO IssueHistory (IssueId, Kind, UserId, ActorName, At, Release)
            SELECT Id, $kind, NULL, $actor, $at, $version FROM Issues
            WHERE ProjectId = $project AND IsResolvedByNextRelease = 1 AND IsDeleted = 0;
            UPDATE Issues SET IsResolvedByNextRelease = 0, FixedInRelease = $version
            WHERE ProjectId = $project AND IsResolvedByNextRelease = 1 AND IsDeleted = 0;
            """;
        command.Parameters.AddWithValue("$kind", (int)IssueHistoryKind.FixReleaseMaterialised);
        command.Parameters.AddWithValue("$actor", Actor.System.Name);
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$project", projectId);
        command.ExecuteNonQuery();
    }
}
