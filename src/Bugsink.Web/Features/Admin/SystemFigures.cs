using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Admin;

public sealed record DatabaseFile(string Name, long Bytes, long WalBytes, long PageSize, long PageCount, long FreePages, string AutoVacuum);

public sealed record ProjectFigures(
    long Id, string Name, long Stored, long Seen, long Issues, long MaxEvents, int? MaxAgeDays,
    ProjectQuotaLimits Quota, (long Minute, long Hour, long Month) Accepted);

public sealed record RefusalCount(long ProjectId, string Reason, long Count);

// Everything /admin/system/ shows, read on request: file sizes from the file system, page counts from
// PRAGMAs, per-project totals from the small counters on Issues (never count(*) over Events), refusals
// from inbox.db plus what is still in memory. Read-only connections; nothing here takes a write lock.
public sealed class SystemFigures(IOptions<SiteOptions> site, RejectedItemCounter rejected, IngestQuota quota, ProjectQuotaCache limits)
{
    public IReadOnlyList<DatabaseFile> ReadFiles()
    {
        var s = site.Value;
        return [ReadFile(s.MainDatabasePath), ReadFile(s.InboxDatabasePath), ReadFile(s.JobsDatabasePath)];
    }

    public IReadOnlyList<ProjectFigures> ReadProjects()
    {
        using var connection = OpenReadOnly(site.Value.MainDatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.Id, p.Name, ifnull(sum(i.StoredEventCount), 0), ifnull(sum(i.EventCount), 0), count(i.Id),
                   p.RetentionMaxEvents, p.RetentionMaxAgeDays
            FROM Projects p LEFT JOIN Issues i ON i.ProjectId = p.Id
            GROUP BY p.Id ORDER BY p.Name, p.Id
            """;
        using var reader = command.ExecuteReader();
        var projects = new List<ProjectFigures>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            projects.Add(new ProjectFigures(
                id, reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                // The limits ingest applies (the project's own, else Bugsink:Quotas:ProjectPer…), not the
                // project's columns alone: those said "no limit" while the installation default refused events.
                reader.IsDBNull(6) ? null : reader.GetInt32(6), limits.For(id), quota.Usage(id)));
        }

        return projects;
    }

    public (long Minute, long Hour, long Month) InstallationAccepted() => quota.Usage(null);

    // Refused requests by reason (rejected_items) and item types accepted but not kept (dropped_items,
    // shown as "unknown item type: <type>"), written counts plus those not yet flushed.
    public IReadOnlyList<RefusalCount> ReadRefusals()
    {
        var totals = new Dictionary<(long ProjectId, string Reason), long>();
        using (var connection = OpenReadOnly(site.Value.InboxDatabasePath))
        {
            Add(totals, connection, "SELECT project_id, 'unknown item type: ' || item_type, count FROM dropped_items");
            Add(totals, connection, "SELECT project_id, reason, count FROM rejected_items");
        }

        foreach (var ((projectId, reason), count) in rejected.Pending)
        {
            var key = (projectId, RejectedItemCounter.Name(reason));
            totals[key] = totals.GetValueOrDefault(key) + count;
        }

        return [.. totals.Select(t => new RefusalCount(t.Key.ProjectId, t.Key.Reason, t.Value)).OrderBy(r => r.ProjectId).ThenBy(r => r.Reason, StringComparer.Ordinal)];
    }

    private static void Add(Dictionary<(long, string), long> totals, SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetInt64(0), reader.GetString(1));
                totals[key] = totals.GetValueOrDefault(key) + reader.GetInt64(2);
            }
        }
        catch (SqliteException exception) when (exception.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // rejected_items appears with the first flush after an upgrade.
        }
    }

    private static DatabaseFile ReadFile(string path)
    {
        var name = Path.GetFileName(path);
        var bytes = File.Exists(path) ? new FileInfo(path).Length : 0;
        var walBytes = File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;
        if (bytes == 0)
        {
            return new DatabaseFile(name, 0, walBytes, 0, 0, 0, "-");
        }

        using var connection = OpenReadOnly(path);
        var mode = Pragma(connection, "auto_vacuum") switch
        {
            0 => "none",
            1 => "full",
            2 => "incremental",
            var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new DatabaseFile(name, bytes, walBytes, Pragma(connection, "page_size"), Pragma(connection, "page_count"), Pragma(connection, "freelist_count"), mode);
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }


    // Unpooled: the page is opened rarely, and no idle handle should keep the files open afterwards.
    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        connection.Open();
        return connection;
    }
}
