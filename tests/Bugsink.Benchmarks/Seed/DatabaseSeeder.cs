using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bugsink.Benchmarks.Seed;

public sealed record SeedResult(long Events, int Issues, long HotIssueId, string HotEventId, long TypicalIssueId, TimeSpan Elapsed);

// Fills the main database of a stopped server (schema from its own migrations, projects made with its
// CLI) with issues, their events and the small rows the pages read: groupings, hourly counts, tag
// counts and releases, all consistent with each other. Prepared statements, 200,000 rows per
// transaction and no fsync per commit: about a million events a minute on this machine.
public sealed class DatabaseSeeder(string databasePath, IReadOnlyList<long> projectIds, SeedPlan plan)
{
    private const int RowsPerTransaction = 200_000;
    private static readonly string[] Browsers = ["Chrome 131", "Firefox 133", "Safari 18", "Edge 131"];

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly Dictionary<(long Project, long Hour), long> _projectHours = [];
    private SqliteConnection _connection = null!;
    private SqliteTransaction _transaction = null!;
    private long _pending;

    public SeedResult Run()
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        _connection = connection;
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;");
        var start = _now - SeedPlan.Span;
        var releases = projectIds.ToDictionary(p => p, _ => ReleaseNames());
        var payloads = new SeedPayloads(_now);
        var firstIssueId = Scalar("SELECT coalesce(max(Id), 0) FROM Issues") + 1;
        var firstEventId = Scalar("SELECT coalesce(max(Id), 0) FROM Events") + 1;
        var numbers = projectIds.ToDictionary(p => p, p => Scalar("SELECT IssueSequence FROM Projects WHERE Id = " + p.ToString(CultureInfo.InvariantCulture)));

        _transaction = connection.BeginTransaction();
        using var issues = new RowWriter(connection, "Issues", "Id", "ProjectId", "Number", "Title", "Type", "Value", "Culprit", "Level", "Platform",
            "FirstSeen", "LastSeen", "EventCount", "StoredEventCount", "IsResolved", "IsResolvedByNextRelease", "IsMuted", "IsDeleted");
        using var groupings = new RowWriter(connection, "Groupings", "ProjectId", "IssueId", "SchemeVersion", "KeyHash", "Key");
        using var events = new RowWriter(connection, "Events", "Id", "ProjectId", "IssueId", "EventId", "Timestamp", "IngestedAt", "DigestedAt",
            "Release", "Environment", "Level", "Title", "IsParsable", "GroupingSchemeVersion", "Payload", "PayloadSize", "RemoteAddress", "IsProtected");
        using var hours = new RowWriter(connection, "IssueHourlyCounts", "IssueId", "Hour", "Count");
        using var tags = new RowWriter(connection, "IssueTags", "IssueId", "Key", "Value", "Count", "FirstSeen", "LastSeen");
        RowWriter[] writers = [issues, groupings, events, hours, tags];
        Bind(writers);
        WriteReleases(releases, start);

        var random = new Random(4711);
        var eventRowId = firstEventId;
        long hotIssueId = firstIssueId, typicalIssueId = firstIssueId + Math.Min(plan.Issues - 1, 2);
        var hotEventId = "";
        for (var issue = 0; issue < plan.Issues; issue++)
        {
            var issueId = firstIssueId + issue;
            var projectId = projectIds[plan.ProjectOf(issue)];
            var count = plan.EventsOf(issue);
            // The hot issue spans all 30 days; the others start anywhere and last up to 10 days.
            var first = issue == 0 ? start : start + TimeSpan.FromSeconds(random.NextDouble() * SeedPlan.Span.TotalSeconds);
            var last = issue == 0 ? _now : Min(_now, first + TimeSpan.FromSeconds(random.NextDouble() * TimeSpan.FromDays(10).TotalSeconds));
            var (type, value, culprit) = SeedPayloads.IssueWords(issue);
            var title = type + ": " + value;
            var (payload, size) = payloads.For(issue);
            var issueTags = new Dictionary<(string Key, string Value), (long Count, long First, long Last)>();
            var hourCounts = new SortedDictionary<long, long>();
            for (long n = 0; n < count; n++)
            {
                var at = count == 1 ? first : first + (last - first) * (n / (double)(count - 1));
                var ms = at.ToUnixTimeMilliseconds();
                var release = releases[projectId][(int)Math.Min(releases[projectId].Length - 1, (at - start).Ticks * releases[projectId].Length / SeedPlan.Span.Ticks)];
                var environment = eventRowId % 5 == 0 ? "staging" : "production";
                var eventId = Guid.NewGuid().ToString("N");
                events.Write(eventRowId, projectId, issueId, eventId, ms, ms + 40, ms + 90, release, environment, "error", title, true, 2, payload, size, "192.0.2.10", n == 0);
                if (issue == 0 && n == count / 2)
                {
                    hotEventId = eventId;
                }

                Count(issueTags, ("release", release), ms);
                Count(issueTags, ("environment", environment), ms);
                Count(issueTags, ("browser", Browsers[eventRowId % Browsers.Length]), ms);
                Count(issueTags, ("server_name", "web-" + (eventRowId % 8 + 1).ToString(CultureInfo.InvariantCulture)), ms);
                var hour = ms / 3_600_000;
                hourCounts[hour] = hourCounts.GetValueOrDefault(hour) + 1;
                _projectHours[(projectId, hour)] = _projectHours.GetValueOrDefault((projectId, hour)) + 1;
                eventRowId++;
                Tick(writers);
            }

            numbers[projectId]++;
            // One in ten resolved, one in twenty muted, all odd issues and so all in the second project:
            // the first project's muted and resolved tabs are the empty-tab worst case.
            issues.Write(issueId, projectId, numbers[projectId], title, type, value, culprit, "error", "csharp",
                first.ToUnixTimeMilliseconds(), last.ToUnixTimeMilliseconds(), count, count, issue % 10 == 9, false, issue % 20 == 7, false);
            groupings.Write(projectId, issueId, 2, Convert.ToHexStringLower(BitConverter.GetBytes(issueId)).PadLeft(64, '0'), type + ": " + value);
            foreach (var (hour, n) in hourCounts)
            {
                hours.Write(issueId, hour, n);
            }

            foreach (var ((key, tagValue), (n, firstMs, lastMs)) in issueTags)
            {
                tags.Write(issueId, key, tagValue, n, firstMs, lastMs);
            }

            Tick(writers);
        }

        using (var projectHours = new RowWriter(connection, "ProjectHourlyCounts", "ProjectId", "Hour", "Count"))
        {
            projectHours.Use(_transaction);
            foreach (var ((project, hour), n) in _projectHours)
            {
                projectHours.Write(project, hour, n);
            }
        }

        foreach (var (project, number) in numbers)
        {
            // Keep every seeded event: the retention watchdog would otherwise start evicting at once.
            Execute(string.Create(CultureInfo.InvariantCulture, $"UPDATE Projects SET IssueSequence = {number}, RetentionMaxEvents = {int.MaxValue} WHERE Id = {project}"));
        }

        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null!;
        // No ANALYZE: the server never runs one, so the pages must be fast with the planner's defaults.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return new SeedResult(eventRowId - firstEventId, plan.Issues, hotIssueId, hotEventId, typicalIssueId, clock.Elapsed);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void Count(Dictionary<(string, string), (long Count, long First, long Last)> tags, (string, string) tag, long ms)
    {
        var (count, first, _) = tags.GetValueOrDefault(tag, (0, ms, ms));
        tags[tag] = (count + 1, first, ms);
    }

    private string[] ReleaseNames() => [.. Enumerable.Range(0, plan.ReleasesPerProject).Select(k => string.Create(CultureInfo.InvariantCulture, $"shop@4.{k}.0"))];

    private void WriteReleases(Dictionary<long, string[]> releases, DateTimeOffset start)
    {
        using var writer = new RowWriter(_connection, "Releases", "ProjectId", "Version", "FirstSeen", "Sequence", "IsSemver", "Epoch");
        writer.Use(_transaction);
        foreach (var (project, names) in releases)
        {
            for (var k = 0; k < names.Length; k++)
            {
                writer.Write(project, names[k], (start + SeedPlan.Span * k / names.Length).ToUnixTimeMilliseconds(), k + 1, false, 0);
            }
        }
    }

    // Commits every RowsPerTransaction rows so the WAL stays a manageable size.
    private void Tick(RowWriter[] writers)
    {
        if (++_pending < RowsPerTransaction)
        {
            return;
        }

        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null!;
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        _transaction = _connection.BeginTransaction();
        Bind(writers);
        _pending = 0;
    }

    private void Bind(RowWriter[] writers)
    {
        foreach (var writer in writers)
        {
            writer.Use(_transaction);
        }
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }
}
