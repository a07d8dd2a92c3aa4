using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Retention;

// Retention by count: brings every project under its cap (Project.RetentionMaxEvents) and the
// installation under Bugsink:Retention:MaxTotalEvents, least useful events first (EvictionPlan).
// Runs beside the digest: each round re-reads the counts, so events digested meanwhile are seen by the
// next round, and the deletes re-check IsProtected inside their own transactions.
public sealed partial class EvictEventsJob(
    EvictionScheduler scheduler, IOptions<SiteOptions> site, IOptions<RetentionOptions> options, ILogger<EvictEventsJob> logger)
{
    // A flood can outpace one round; later rounds catch up, and after this many the watchdog asks again.
    private const int MaxRounds = 100;

    [Queue(HangfireSetup.DefaultQueue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        scheduler.MarkStarted();
        await scheduler.RunLock.WaitAsync(cancellationToken);
        try
        {
            await EvictAsync(cancellationToken);
        }
        finally
        {
            scheduler.RunLock.Release();
        }
    }

    private async Task EvictAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        using var deleter = new EventDeleter(connection, settings.DeleteBatchSize);
        for (var round = 0; round < MaxRounds && !cancellationToken.IsCancellationRequested; round++)
        {
            var projects = StoredEventCounts.ReadProjects(connection);
            var targets = EvictionPlan.ProjectTargets(projects, settings.MaxTotalEvents, settings.HeadroomPercent);
            long deleted = 0;
            for (var i = 0; i < projects.Count; i++)
            {
                if (projects[i].Stored > targets[i])
                {
                    var plan = EvictionPlan.ForProject(StoredEventCounts.ReadIssues(connection, projects[i].ProjectId), targets[i]);
                    var evicted = await deleter.EvictAsync(projects[i].ProjectId, plan, cancellationToken);
                    LogEvicted(evicted, projects[i].ProjectId, projects[i].Stored, targets[i]);
                    deleted += evicted;
                }
            }

            if (deleted == 0)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evicted {Count} events of project {ProjectId} ({Stored} stored, target {Target})")]
    private partial void LogEvicted(long count, long projectId, long stored, long target);
}
