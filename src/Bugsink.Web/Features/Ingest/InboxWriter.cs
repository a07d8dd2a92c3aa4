using System.Data.Common;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// The single writer of DESIGN.md "The hot path": requests queue their writes here; the loop commits
// whatever has queued up in one transaction (group commit, one fsync for hundreds of events) and
// only then completes the requests, which answer 200. An acknowledged event is therefore on disk.
public sealed partial class InboxWriter(
    IInbox inbox,
    InboxBacklog backlog,
    DroppedItemCounter droppedItems,
    DigestScheduler digestScheduler,
    ServerMetrics metrics,
    IOptions<IngestOptions> options,
    ILogger<InboxWriter> logger) : BackgroundService
{
    private readonly InboxQueue _queue = new();

    // Set while commits fail because inbox.db cannot grow (disk full): told once when it starts and once
    // when it ends, not as an error per batch; the requests answer 503 with Retry-After meanwhile.
    private readonly OutOfSpace _space = new();

    public Task WriteAsync(InboxWrite write)
    {
        _queue.Add(write);
        return write.Committed.Task;
    }

    // The loop runs on a thread of its own: it blocks in fsync on every commit, and as a thread-pool
    // continuation it waited in the pool's queue behind the very requests it was to complete (ingest
    // alone, alternating runs: 15,500-15,800 events/s that way, 17,100-19,700 on its own thread).
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                stopped.TrySetResult();
            }
            catch (Exception exception)
            {
                stopped.TrySetException(exception);
            }
        })
        { IsBackground = true, Name = "Inbox writer" };
        thread.Start();
        return stopped.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            using var session = inbox.OpenSession();
            var batch = new List<InboxWrite>(options.Value.MaxWriteBatch);
            // Stops after the batch in hand once shutdown begins, even while writes keep arriving.
            while (!stoppingToken.IsCancellationRequested)
            {
                _queue.Take(batch, options.Value.MaxWriteBatch, stoppingToken);
                CommitBatch(session, batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never acknowledged; it is failed below.
        }
        finally
        {
            // Also when the inbox could not be opened: no request may wait forever for a commit.
            _queue.Close().ForEach(InboxQueue.FailShuttingDown);
        }
    }

    private void CommitBatch(IInboxSession session, List<InboxWrite> batch)
    {
        var events = 0;
        var attachments = 0;
        foreach (var write in batch)
        {
            events += write.Event is null ? 0 : 1;
            attachments += write.Attachments.Count;
        }

        try
        {
            session.Commit(batch, droppedItems.TakeAll());

            if (_space.End())
            {
                LogSpaceReturned();
            }

            backlog.Add(events);
            metrics.AddIngested(events);
            foreach (var write in batch)
            {
                write.Committed.TrySetResult();
            }
        }
        catch (Exception exception) when (exception is DbException or IOException or InvalidOperationException)
        {
            if (!SqliteConnectionFactory.IsFull(exception))
            {
                LogCommitFailed(exception, batch.Count);
            }
            else if (_space.Begin())
            {
                LogFull(exception.Message);
            }

            foreach (var write in batch)
            {
                write.Committed.TrySetException(exception);
            }

            return;
        }

        // Attachment-only envelopes need the digest too: left in the inbox they would escape quotas' and
        // retention's accounting (issue 19) until some event happened to come in.
        if (events > 0 || attachments > 0)
        {
            digestScheduler.RequestDigest();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _queue.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} writes to the inbox failed; they were not acknowledged")]
    private partial void LogCommitFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox cannot grow ({Reason}): ingest answers 503 with Retry-After until there is space again")]
    private partial void LogFull(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The inbox can be written again; ingest acknowledges events")]
    private partial void LogSpaceReturned();
}
