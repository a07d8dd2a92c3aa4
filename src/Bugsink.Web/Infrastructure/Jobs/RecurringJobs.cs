using Bugsink.Web.Features.Retention;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Infrastructure.Database.Engines;
using Hangfire;

namespace Bugsink.Web.Infrastructure.Jobs;

// The one list of what runs on a timer (STYLE.md 4.6), declared to Hangfire at start-up. AddOrUpdate
// replaces the stored schedule, so changing a line here changes the installation on the next start.
// Eviction by count is not here: RetentionWatchdog enqueues it as soon as a project goes over its cap.
public sealed class RecurringJobs(IRecurringJobManager jobs, DatabaseEngine engine) : IHostedService
{
    public const string EveryFiveMinutes = "*/5 * * * *";

    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<BundleRetentionJob>("source-map-bundle-retention", job => job.RunAsync(CancellationToken.None), Cron.Hourly(), Utc);
        // Both still open bugsink.db themselves: on PostgreSQL they would create it in the data folder. Until retention has
        // PostgreSQL statements (issue 21) they are left off there, and any schedule an earlier start stored is removed.
        if (engine.IsPostgres)
        {
            jobs.RemoveIfExists("retention-by-age");
            jobs.RemoveIfExists("vacuum-main-database");
        }
        else
        {
            jobs.AddOrUpdate<EvictOldEventsJob>("retention-by-age", job => job.RunAsync(CancellationToken.None), Cron.Hourly(), Utc);
            jobs.AddOrUpdate<VacuumDatabaseJob>("vacuum-main-database", job => job.RunAsync(CancellationToken.None), EveryFiveMinutes, Utc);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
