using System.Collections.Concurrent;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

public sealed record ProjectQuotaLimits(
    long? PerMinute, long? PerHour, long? PerMonth, long? AttachmentBytesPerMinute, long? AttachmentBytesPerHour, long? AttachmentBytesPerMonth);

// A project's quota settings, read from the database once and then refreshed in the background every
// few seconds, so the hot path never waits on a query after a project's first request. A project's own
// value wins; null falls back to the Bugsink:Quotas project default (itself null = no limit).
public sealed partial class ProjectQuotaCache(IOptions<SiteOptions> site, IOptions<QuotaOptions> options, TimeProvider time, ILogger<ProjectQuotaCache> logger)
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    public ProjectQuotaLimits For(long projectId)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(projectId, out var entry))
        {
            if (entry.LoadedAt + TimeSpan.FromSeconds(options.Value.SettingsRefreshSeconds) < now && entry.TryStartReload())
            {
                ReloadInBackground(projectId);
            }

            return entry.Limits;
        }

        var loaded = new Entry(Load(projectId), now);
        _entries[projectId] = loaded;
        return loaded.Limits;
    }

    // For the project settings page: the next request reads the new values.
    public void Forget(long projectId) => _entries.TryRemove(projectId, out _);

    // Events digested so far in the current hour and month, to seed the in-memory windows after a
    // restart (a null project means the whole installation). Read once per project and process.
    public (long Hour, long Month) ReadAcceptedSoFar(long? projectId, long currentHour, long monthStartHour)
    {
        using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ifnull(sum(CASE WHEN Hour = $hour THEN Count END), 0), ifnull(sum(Count), 0)
            FROM ProjectHourlyCounts WHERE ($project IS NULL OR ProjectId = $project) AND Hour >= $monthStart
            """;
        command.Parameters.AddWithValue("$hour", currentHour);
        command.Parameters.AddWithValue("$monthStart", monthStartHour);
        command.Parameters.AddWithValue("$project", (object?)projectId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    // A method of its own: a lambda capturing projectId inside For would allocate its closure on every call.
    private void ReloadInBackground(long projectId) => _ = Task.Run(() => Reload(projectId));

    private void Reload(long projectId)
    {
        try
        {
            _entries[projectId] = new Entry(Load(projectId), time.GetUtcNow());
        }
        catch (SqliteException exception)
        {
            // Keep the old settings and try again after the next refresh interval, not on every request.
            LogReloadFailed(exception, projectId);
            if (_entries.TryGetValue(projectId, out var entry))
            {
                _entries[projectId] = new Entry(entry.Limits, time.GetUtcNow());
            }
        }
    }

    private ProjectQuotaLimits Load(long projectId)
    {
        var defaults = options.Value;
        using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT QuotaPerMinute, QuotaPerHour, QuotaPerMonth,
                   AttachmentQuotaBytesPerMinute, AttachmentQuotaBytesPerHour, AttachmentQuotaBytesPerMonth
            FROM Projects WHERE Id = $id
            """;
        command.Parameters.AddWithValue("$id", projectId);
        using var reader = command.ExecuteReader();
        var found = reader.Read();
        long? Own(int column, long? fallback) => found && !reader.IsDBNull(column) ? reader.GetInt64(column) : fallback;
        return new ProjectQuotaLimits(
            Own(0, defaults.ProjectPerMinute),
            Own(1, defaults.ProjectPerHour),
            Own(2, defaults.ProjectPerMonth),
            Own(3, defaults.ProjectAttachmentBytesPerMinute),
            Own(4, defaults.ProjectAttachmentBytesPerHour),
            Own(5, defaults.ProjectAttachmentBytesPerMonth));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the quota settings of project {ProjectId}")]
    private partial void LogReloadFailed(Exception exception, long projectId);

    private sealed class Entry(ProjectQuotaLimits limits, DateTimeOffset loadedAt)
    {
        private int _reloading;

        public ProjectQuotaLimits Limits { get; } = limits;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public bool TryStartReload() => Interlocked.CompareExchange(ref _reloading, 1, 0) == 0;
    }
}
