using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Retention;

// Asks for EvictAttachmentsJob when the digest has stored attachments since the last run that finished
// (a project may now be over its cap; a failed run is retried on the next tick) and, for orphans, at least every quarter of Bugsink:Retention:OrphanAttachmentMinutes (between
// 1 s and a minute). The "anything new?" question is one single-row read.
public sealed partial class AttachmentRetentionWatchdog(
    AttachmentEvictionScheduler scheduler,
    IOptions<SiteOptions> site,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<AttachmentRetentionWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var orphanCheckEvery = TimeSpan.FromSeconds(Math.Clamp(settings.OrphanAttachmentMinutes * 60 / 4, 1, 60));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(settings.CheckIntervalMilliseconds, 50, orphanCheckEvery.TotalMilliseconds)));
        var lastRequest = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
                    var watermark = ReadAttachmentWatermark(connection);
                    if ((watermark != scheduler.SweptWatermark || time.GetElapsedTime(lastRequest) >= orphanCheckEvery) && !scheduler.IsPending)
                    {
                        lastRequest = time.GetTimestamp();
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

    // Changes whenever the digest commits a batch with attachments.
    public static long ReadAttachmentWatermark(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ifnull((SELECT LastInboxAttachmentId FROM DigestProgress WHERE Id = 1), 0)";
        return (long)command.ExecuteScalar()!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking for attachments to evict failed")]
    private partial void LogCheckFailed(Exception exception);
}
