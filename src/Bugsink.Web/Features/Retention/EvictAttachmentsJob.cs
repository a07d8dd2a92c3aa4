using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Retention;

// Attachments under retention: those whose event never arrived are deleted once
// Bugsink:Retention:OrphanAttachmentMinutes have passed (nothing shows them), and each project's stored
// attachment bytes are kept under Bugsink:Retention:MaxAttachmentBytesPerProject, oldest first, never
// those of protected events (EvictOldEventsJob's age limit is the one thing that removes those).
// Shares the eviction lock: SQLite has one writer, and two deleters would only queue behind each other.
public sealed partial class EvictAttachmentsJob(
    EvictionScheduler eviction,
    AttachmentEvictionScheduler scheduler,
    IOptions<SiteOptions> site,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<EvictAttachmentsJob> logger)
{
    [Queue(HangfireSetup.DefaultQueue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        scheduler.MarkStarted();
        await eviction.RunLock.WaitAsync(cancellationToken);
        try
        {
            using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
            var watermark = AttachmentRetentionWatchdog.ReadAttachmentWatermark(connection);
            var orphans = DeleteOrphans(connection, OrphanCutoff());
            var evicted = options.Value.MaxAttachmentBytesPerProject > 0 ? EnforceCaps(connection) : 0;
            scheduler.SweptWatermark = watermark;
            if (orphans + evicted > 0)
            {
                LogDeleted(orphans, evicted);
            }
        }
        finally
        {
            eviction.RunLock.Release();
        }
    }

    // An attachment is an orphan once its time is up and every event received within that time has been
    // digested: while the digest is behind, its event may still wait in the inbox.
    private DateTimeOffset OrphanCutoff()
    {
        var window = TimeSpan.FromMinutes(Math.Max(0, options.Value.OrphanAttachmentMinutes));
        var cutoff = time.GetUtcNow() - window;
        using var inbox = SqliteConnectionFactory.Open(site.Value.InboxDatabasePath);
        using var command = inbox.CreateCommand();
        command.CommandText = "SELECT received_at FROM inbox_events ORDER BY id LIMIT 1";
        if (command.ExecuteScalar() is long oldestWaiting)
        {
            var waitingSince = DateTimeOffset.FromUnixTimeMilliseconds(oldestWaiting) - window;
            cutoff = waitingSince < cutoff ? waitingSince : cutoff;
        }

        return cutoff;
    }

    // Walks attachments in id order from where the last sweep stopped, up to the first one still young.
    private int DeleteOrphans(SqliteConnection connection, DateTimeOffset cutoff)
    {
        var deleted = 0;
        var batch = options.Value.DeleteBatchSize;
        while (true)
        {
            var orphans = new List<long>();
            var reachedYoung = false;
            var seen = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT a.Id, a.ReceivedAt, EXISTS (SELECT 1 FROM Events e WHERE e.ProjectId = a.ProjectId AND e.EventId = a.EventId)
                    FROM EventAttachments a WHERE a.Id > $after ORDER BY a.Id LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$after", scheduler.CheckedUpTo);
                command.Parameters.AddWithValue("$limit", batch);
                using var reader = command.ExecuteReader();
                var checkedUpTo = scheduler.CheckedUpTo;
                while (reader.Read())
                {
                    seen++;
                    if (reader.GetInt64(1) >= cutoff.ToUnixTimeMilliseconds())
                    {
                        reachedYoung = true;
                        break;
                    }

                    if (!reader.GetBoolean(2))
                    {
                        orphans.Add(reader.GetInt64(0));
                    }

                    checkedUpTo = reader.GetInt64(0);
                }

                scheduler.CheckedUpTo = checkedUpTo;
            }

            deleted += DeleteByIds(connection, orphans);
            if (reachedYoung || seen < batch)
            {
                return deleted;
            }
        }
    }

    private int EnforceCaps(SqliteConnection connection)
    {
        var settings = options.Value;
        var cap = settings.MaxAttachmentBytesPerProject;
        var target = cap - (cap / 100 * Math.Clamp(settings.HeadroomPercent, 0, 100));
        var deleted = 0;
        foreach (var (projectId, stored) in StoredBytesPerProject(connection).Where(p => p.Stored > cap))
        {
            deleted += DeleteByIds(connection, OldestUnprotected(connection, projectId, stored - target));
        }

        return deleted;
    }

    // From the covering index IX_EventAttachments_Storage: no attachment is read.
    private static List<(long ProjectId, long Stored)> StoredBytesPerProject(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProjectId, sum(Size) FROM EventAttachments INDEXED BY IX_EventAttachments_Storage GROUP BY ProjectId";
        using var reader = command.ExecuteReader();
        var result = new List<(long, long)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return result;
    }

    // The project's oldest attachments, skipping those of protected events, until they free enough bytes.
    private static List<long> OldestUnprotected(SqliteConnection connection, long projectId, long bytesToFree)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.Id, a.Size FROM EventAttachments a INDEXED BY IX_EventAttachments_Storage
            WHERE a.ProjectId = $project
              AND NOT EXISTS (SELECT 1 FROM Events e WHERE e.ProjectId = a.ProjectId AND e.EventId = a.EventId AND e.IsProtected = 1)
            ORDER BY a.Id
            """;
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        long freed = 0;
        while (freed < bytesToFree && reader.Read())
        {
            ids.Add(reader.GetInt64(0));
            freed += reader.GetInt64(1);
        }

        return ids;
    }

    // In transactions of DeleteBatchSize rows, so the digest never waits long for the writer lock.
    private int DeleteByIds(SqliteConnection connection, List<long> ids)
    {
        var batch = Math.Max(1, options.Value.DeleteBatchSize);
        for (var start = 0; start < ids.Count; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM EventAttachments WHERE Id = $id";
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            foreach (var value in ids.Skip(start).Take(batch))
            {
                id.Value = value;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Orphans} attachments whose event never arrived and {Evicted} over their project's attachment cap")]
    private partial void LogDeleted(int orphans, int evicted);
}
