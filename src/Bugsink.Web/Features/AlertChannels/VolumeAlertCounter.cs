using System.Globalization;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.AlertChannels;

// The volume rule as the digest applies it, inside the batch transaction. Only issues of projects that
// have a rule are counted: per minute of arrival into IssueMinuteCounts (kept no longer than the rule's
// window), and when an issue's count over the last M minutes passes N an alert row is written with
// the batch. Counted from these counters, never by reading events back. Minute resolution: the
// window is the current minute and the M − 1 before it.
//
// At most once per issue per window: the minutes counted start after the minute of the issue's last
// volume alert, so an alert's events never count towards the next one, and within M minutes of an
// alert nothing can pass the bound again.
public sealed class VolumeAlertCounter(StatementConnection connection) : IDisposable
{
    private readonly IStatement _addMinute = connection.Prepare("""
        INSERT INTO "IssueMinuteCounts" ("IssueId", "Minute", "Count") VALUES ($p0, $p1, $p2)
        ON CONFLICT ("IssueId", "Minute") DO UPDATE SET "Count" = "IssueMinuteCounts"."Count" + excluded."Count"
        """, 3);

    private readonly IStatement _prune = connection.Prepare("""DELETE FROM "IssueMinuteCounts" WHERE "IssueId" = $p0 AND "Minute" <= $p1""", 2);

    // A bigint on both engines (PostgreSQL's sum of bigints is numeric).
    private readonly IStatement _sumSince = connection.Prepare(
        """SELECT CAST(coalesce(sum("Count"), 0) AS BIGINT) FROM "IssueMinuteCounts" WHERE "IssueId" = $p0 AND "Minute" > $p1""", 2);

    private readonly IStatement _lastAlert = connection.Prepare(
        $"""SELECT max("CreatedAt") FROM "AlertRequests" WHERE "IssueId" = $p0 AND "Kind" = {(int)AlertKind.Volume}""", 1);

    // Muted issues stay quiet; deleted ones are gone.
    private readonly IStatement _isQuiet = connection.Prepare(
        """SELECT CASE WHEN "IsMuted" OR "IsDeleted" THEN 1 ELSE 0 END FROM "Issues" WHERE "Id" = $p0""", 1);

    private readonly IStatement _insertAlert = connection.Prepare($"""
        INSERT INTO "AlertRequests" ("ProjectId", "IssueId", "Kind", "Reason", "CreatedAt", "Status")
        VALUES ($p0, $p1, {(int)AlertKind.Volume}, $p2, $p3, {(int)AlertStatus.Pending})
        """, 4);

    private readonly Dictionary<long, (int Events, int Minutes)> _rules = [];
    private readonly Dictionary<(long IssueId, long Minute), long> _minutes = [];
    private readonly Dictionary<long, long> _projectOfIssue = [];
    private DateTimeOffset _now;

    public int AlertsWritten { get; private set; }

    public void BeginBatch(DateTimeOffset now)
    {
        _now = now;
        _rules.Clear();
        _minutes.Clear();
        _projectOfIssue.Clear();
        AlertsWritten = 0;
        using var command = connection.Command("""SELECT "ProjectId", "Events", "Minutes" FROM "VolumeAlertRules" """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _rules[reader.GetInt64(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }
    }

    public void Count(long projectId, long issueId, DateTimeOffset receivedAt)
    {
        if (_rules.Count == 0 || !_rules.ContainsKey(projectId))
        {
            return;
        }

        var key = (issueId, receivedAt.ToUnixTimeMilliseconds() / 60_000);
        _minutes[key] = _minutes.GetValueOrDefault(key) + 1;
        _projectOfIssue[issueId] = projectId;
    }

    public void EndBatch()
    {
        foreach (var ((issueId, minute), count) in _minutes)
        {
            _addMinute.Run(issueId, minute, count);
        }

        var nowMinute = _now.ToUnixTimeMilliseconds() / 60_000;
        foreach (var (issueId, projectId) in _projectOfIssue)
        {
            var (events, minutes) = _rules[projectId];
            var windowStart = nowMinute - minutes;
            _prune.Run(issueId, windowStart);
            if (_lastAlert.Scalar(issueId) is long lastAlertAt)
            {
                windowStart = Math.Max(windowStart, lastAlertAt / 60_000);
            }

            if (_sumSince.Scalar(issueId, windowStart) is long total && total > events && _isQuiet.Scalar(issueId) is 0L)
            {
                _insertAlert.Run(projectId, issueId, Reason(events, minutes), _now.ToUnixTimeMilliseconds());
                AlertsWritten++;
            }
        }
    }

    // Stored in AlertRequest.Reason: "N/M", read back by Describe.
    public static string Reason(int events, int minutes) => string.Create(CultureInfo.InvariantCulture, $"{events}/{minutes}");

    public static string Describe(string? reason)
    {
        var parts = (reason ?? "").Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var events) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minutes)
            ? string.Create(CultureInfo.InvariantCulture, $"more than {events:N0} events in {minutes:N0} minutes")
            : "more events than the project's volume rule allows";
    }

    public void Dispose()
    {
        _addMinute.Dispose();
        _prune.Dispose();
        _sumSince.Dispose();
        _lastAlert.Dispose();
        _isQuiet.Dispose();
        _insertAlert.Dispose();
    }
}
