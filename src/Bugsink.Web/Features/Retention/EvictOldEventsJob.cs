using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Retention;

// Retention by age (Project.RetentionMaxAgeDays), run hourly from RecurringJobs. "Age" is the event's
// own timestamp: that is what the issue pages sort and show, and the (IssueId, Timestamp) index makes
// each issue's old events one range. Attachments older than the limit go too, also those whose event
// never arrived.
public sealed partial class EvictOldEventsJob(
    EvictionScheduler scheduler, IOptions<SiteOptions> site, IOptions<RetentionOptions> options, TimeProvider time, ILogger<EvictOldEventsJob> logger)
{
    [Queue(HangfireSetup.DefaultQueue)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await scheduler.RunLock.WaitAsync(cancellationToken);
        try
        {
            using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
            using var deleter = new EventDeleter(connection, options.Value.DeleteBatchSize);
            foreach (var project in StoredEventCounts.ReadProjects(connection).Where(p => p.MaxAgeDays is > 0))
            {
                var cutoff = time.GetUtcNow() - TimeSpan.FromDays(project.MaxAgeDays!.Value);
                var issueIds = StoredEventCounts.ReadIssueIds(connection, project.ProjectId);
                var deleted = await deleter.DeleteOlderThanAsync(project.ProjectId, issueIds, cutoff, cancellationToken);
                var attachments = DeleteOldAttachments(connection, project.ProjectId, cutoff);
                if (deleted + attachments > 0)
                {
                    LogDeleted(deleted, attachments, project.ProjectId, project.MaxAgeDays.Value);
                }
            }
        }
        finally
        {
            scheduler.RunLock.Release();
        }
    }

    private int DeleteOldAttachments(SqliteConnection connection, long projectId, DateTimeOffset cutoff)
    {
        var total = 0;
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM EventAttachments WHERE Id IN (
                SELECT Id FROM EventAttachments WHERE ProjectId = $project AND ReceivedAt < $cutoff LIMIT $limit)
            """;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", options.Value.DeleteBatchSize);
        int deleted;
        do
        {
            deleted = command.ExecuteNonQuery();
            total += deleted;
        }
        while (deleted > 0);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Events} events and {Attachments} attachments of project {ProjectId} older than {Days} days")]
    private partial void LogDeleted(long events, int attachments, long projectId, int days);
}
