using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Retention;

// Notices when a project (or the installation) goes over its cap and asks for an eviction job. A timer
// rather than a call from the digest: the digest stays unaware of retention, and a second-old signal
// is soon enough because the job evicts in batches down to below the cap. When nothing was digested
// since the last look, the check is one single-row read.
public sealed partial class RetentionWatchdog(
    EvictionScheduler scheduler,
    IOptions<SiteOptions> site,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan FullCheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CheckIntervalMilliseconds)));
        long lastWatermark = -1;
        var lastFullCheck = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
                    var watermark = StoredEventCounts.ReadDigestWatermark(connection);
                    // Project caps can also be lowered by hand, so look now and then even when nothing came in.
                    if (watermark == lastWatermark && time.GetElapsedTime(lastFullCheck) < FullCheckEvery)
                    {
                        continue;
                    }

                    lastWatermark = watermark;
                    lastFullCheck = time.GetTimestamp();
                    if (!scheduler.IsPending && IsOverAnyCap(connection))
                    {
                        scheduler.RequestEviction();
                    }
                }
                catch (SqliteException exception)
                {
                    LogCheckFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private bool IsOverAnyCap(SqliteConnection connection)
    {
        var projects = StoredEventCounts.ReadProjects(connection);
        var targets = EvictionPlan.ProjectTargets(projects, options.Value.MaxTotalEvents, options.Value.HeadroomPercent);
        return projects.Where((project, i) => project.Stored > targets[i]).Any();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking stored event counts against the retention caps failed")]
    private partial void LogCheckFailed(Exception exception);
}
