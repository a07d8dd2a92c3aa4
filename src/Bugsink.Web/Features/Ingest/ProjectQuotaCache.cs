using System.Collections.Concurrent;
using System.Data.Common;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

public sealed record ProjectQuotaLimits(
    long? PerMinute, long? PerHour, long? PerMonth, long? AttachmentBytesPerMinute, long? AttachmentBytesPerHour, long? AttachmentBytesPerMonth);

// A project's quota settings, read from the database once and then refreshed in the background every
// few seconds, so the hot path never waits on a query after a project's first request. A project's own
// value wins; null falls back to the Bugsink:Quotas project default (itself null = no limit).
public sealed partial class ProjectQuotaCache(IServiceScopeFactory scopes, IOptions<QuotaOptions> options, TimeProvider time, ILogger<ProjectQuotaCache> logger)
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
        using var scope = scopes.CreateScope();
        var counts = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ProjectHourlyCount>().AsNoTracking()
            .Where(c => (projectId == null || c.ProjectId == projectId) && c.Hour >= monthStartHour);
        var month = counts.Sum(c => (long?)c.Count) ?? 0;
        var hour = counts.Where(c => c.Hour == currentHour).Sum(c => (long?)c.Count) ?? 0;
        return (hour, month);
    }

    // A method of its own: a lambda capturing projectId inside For would allocate its closure on every call.
    private void ReloadInBackground(long projectId) => _ = Task.Run(() => Reload(projectId));

    private void Reload(long projectId)
    {
        try
        {
            _entries[projectId] = new Entry(Load(projectId), time.GetUtcNow());
        }
        catch (DbException exception)
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
        using var scope = scopes.CreateScope();
        var own = scope.ServiceProvider.GetRequiredService<AppDbContext>().Projects.AsNoTracking()
            .Where(p => p.Id == projectId)
            .Select(p => new
            {
                p.QuotaPerMinute, p.QuotaPerHour, p.QuotaPerMonth,
                p.AttachmentQuotaBytesPerMinute, p.AttachmentQuotaBytesPerHour, p.AttachmentQuotaBytesPerMonth,
            })
            .FirstOrDefault();
        return new ProjectQuotaLimits(
            own?.QuotaPerMinute ?? defaults.ProjectPerMinute,
            own?.QuotaPerHour ?? defaults.ProjectPerHour,
            own?.QuotaPerMonth ?? defaults.ProjectPerMonth,
            own?.AttachmentQuotaBytesPerMinute ?? defaults.ProjectAttachmentBytesPerMinute,
            own?.AttachmentQuotaBytesPerHour ?? defaults.ProjectAttachmentBytesPerHour,
            own?.AttachmentQuotaBytesPerMonth ?? defaults.ProjectAttachmentBytesPerMonth);
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
