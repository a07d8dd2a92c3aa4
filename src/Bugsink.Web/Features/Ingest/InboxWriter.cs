using System.Threading.Channels;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// The single writer of DESIGN.md "The hot path": requests queue their writes here; the loop commits
// whatever has queued up in one transaction (group commit, one fsync for hundreds of events) and
// only then completes the requests, which answer 200. An acknowledged event is therefore on disk.
public sealed partial class InboxWriter(
    InboxDatabase database,
    InboxBacklog backlog,
    DroppedItemCounter droppedItems,
    DigestScheduler digestScheduler,
    ServerMetrics metrics,
    IOptions<IngestOptions> options,
    ILogger<InboxWriter> logger) : BackgroundService
{
    private readonly Channel<InboxWrite> _queue = Channel.CreateUnbounded<InboxWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    public Task WriteAsync(InboxWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            write.Committed.TrySetException(new InvalidOperationException("The inbox writer has stopped."));
        }

        return write.Committed.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var connection = database.Open();
        using var statements = new InboxStatements(connection);
        var batch = new List<InboxWrite>(options.Value.MaxWriteBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.MaxWriteBatch && reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                CommitBatch(connection, statements, batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never acknowledged; fail it below.
        }

        _queue.Writer.TryComplete();
        while (reader.TryRead(out var left))
        {
            left.Committed.TrySetException(new OperationCanceledException("Server is shutting down."));
        }
    }

    private void CommitBatch(SqliteConnection connection, InboxStatements statements, List<InboxWrite> batch)
    {
        var events = 0;
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var write in batch)
                {
                    if (write.Event is { } inboxEvent)
                    {
                        statements.InsertEvent(inboxEvent);
                        events++;
                    }

                    foreach (var attachment in write.Attachments)
                    {
                        statements.InsertAttachment(attachment);
                    }
                }

                foreach (var ((projectId, itemType), count) in droppedItems.TakeAll())
                {
                    statements.AddDropped(projectId, itemType, count);
                }

                transaction.Commit();
            }

            backlog.Add(events);
            metrics.AddIngested(events);
            foreach (var write in batch)
            {
                write.Committed.TrySetResult();
            }
        }
        catch (Exception exception) when (exception is SqliteException or IOException or InvalidOperationException)
        {
            LogCommitFailed(exception, batch.Count);
            foreach (var write in batch)
            {
                write.Committed.TrySetException(exception);
            }

            return;
        }

        if (events > 0)
        {
            digestScheduler.RequestDigest();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} writes to the inbox failed; they were not acknowledged")]
    private partial void LogCommitFailed(Exception exception, int count);
}
