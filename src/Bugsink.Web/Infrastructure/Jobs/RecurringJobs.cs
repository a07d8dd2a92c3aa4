using Bugsink.Web.Features.Retention;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Hangfire;

namespace Bugsink.Web.Infrastructure.Jobs;

// The one list of what runs on a timer (STYLE.md 4.6), declared to Hangfire at start-up. AddOrUpdate
// replaces the stored schedule, so changing a line here changes the installation on the next start.
// Eviction by count is not here: RetentionWatchdog enqueues it as soon as a project goes over its cap.
public sealed class RecurringJobs(IRecurringJobManager jobs) : IHostedService
{
    public const string EveryFiveMinutes = "*/5 * * * *";

    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<EvictOldEventsJob>("retention-by-age", job => job.RunAsync(CancellationToken.None), Cron.Hourly(), Utc);
        jobs.AddOrUpdate<BundleRetentionJob>("source-map-bundle-retention", job => job.RunAsync(CancellationToken.None), Cron.Hourly(), Utc);
        jobs.AddOrUpdate<VacuumDatabaseJob>("vacuum-main-database", job => job.RunAsync(CancellationToken.None), EveryFiveMinutes, Utc);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
