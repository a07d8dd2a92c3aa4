using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Retention;

// What eviction plans from: the stored counts the digest keeps on each issue (Issue.StoredEventCount),
// not count(*) over Events, which at millions of rows would cost more than the eviction itself.
public static class StoredEventCounts
{
    public static List<ProjectStock> ReadProjects(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.Id, ifnull((SELECT sum(i.StoredEventCount) FROM Issues i WHERE i.ProjectId = p.Id), 0),
                   p.RetentionMaxEvents, p.RetentionMaxAgeDays
            FROM Projects p ORDER BY p.Id
            """;
        using var reader = command.ExecuteReader();
        var projects = new List<ProjectStock>();
        while (reader.Read())
        {
            projects.Add(new ProjectStock(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }

        return projects;
    }

    // Most recently seen first: EvictionPlan gives them the odd remaining slots. Counting the protected
    // events reads each of the project's events once per round: cheap at the default cap of 10,000; a
    // partial index on Events(ProjectId, IssueId) WHERE IsProtected = 1 would make it proportional to
    // the protected events alone.
    public static List<IssueStock> ReadIssues(SqliteConnection connection, long projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.Id, i.StoredEventCount, ifnull(p.Protected, 0), i.LastSeen
            FROM Issues i
            LEFT JOIN (SELECT IssueId, count(*) AS Protected FROM Events WHERE ProjectId = $project AND IsProtected = 1 GROUP BY IssueId) p
                ON p.IssueId = i.Id
            WHERE i.ProjectId = $project AND i.StoredEventCount > 0
            ORDER BY i.LastSeen DESC, i.Id DESC
            """;
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        var issues = new List<IssueStock>();
        while (reader.Read())
        {
            issues.Add(new IssueStock(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return issues;
    }

    public static List<long> ReadIssueIds(SqliteConnection connection, long projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Issues WHERE ProjectId = $project AND StoredEventCount > 0";
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    // Changes whenever the digest commits a batch: the watchdog's cheap "anything new?" question.
    public static long ReadDigestWatermark(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ifnull((SELECT LastInboxEventId FROM DigestProgress WHERE Id = 1), 0)";
        return (long)command.ExecuteScalar()!;
    }
}
