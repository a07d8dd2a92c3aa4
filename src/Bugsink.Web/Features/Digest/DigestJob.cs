using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Database.Statements;
using Bugsink.Web.Infrastructure.Web;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Digest;

// Drains the inbox batch by batch. Re-entrant and idempotent: the inbox bookkeeping written with each batch
// (SQLite's watermark, PostgreSQL's delete of the rows read) and the (project, event id) uniqueness mean a
// retry after a crash neither duplicates nor drops. A Hangfire job on SQLite; on PostgreSQL the digest leader
// (PostgresDigestLeader) runs it on the connection that holds the leader lock.
public sealed partial class DigestJob(
    DigestScheduler scheduler,
    IInbox inbox,
    IStatementConnections connections,
    IDigestInboxes inboxes,
    InboxBacklog backlog,
    ServerMetrics metrics,
    IssueCache cache,
    IAlertDispatcher alerts,
    RejectedItemCounter rejected,
    DictionaryTrainingTrigger training,
    IOptions<DigestOptions> options,
    TimeProvider time,
    [FromKeyedServices(OutOfSpace.Digest)] OutOfSpace space,
    IEnumerable<INewIssueCulprits> culprits,
    ILogger<DigestJob> logger)
{
    [Queue(DigestOptions.Queue)]
    [AutomaticRetry(Attempts = 5)]
    public Task RunAsync(CancellationToken cancellationToken) => DrainOnAsync(null, cancellationToken);

    // main: a connection to drain on (the leader's, which holds its lock), or null for one of its own.
    public async Task DrainOnAsync(StatementConnection? main, CancellationToken cancellationToken)
    {
        scheduler.MarkStarted();
        await scheduler.RunLock.WaitAsync(cancellationToken);
        try
        {
            if (main is null)
            {
                using var own = connections.OpenMain();
                Drain(own, cancellationToken);
            }
            else
            {
                Drain(main, cancellationToken);
            }
        }
        catch (Exception exception) when (SqliteConnectionFactory.IsFull(exception))
        {
            // bugsink.db cannot grow: the batch's transaction rolled back whole, its events stay in the
            // inbox (the watermark did not move), and the watchdog starts a job again every few seconds.
            // Ending normally keeps Hangfire from piling up retries of its own meanwhile.
            if (space.Begin())
            {
                LogFull(exception.Message, inbox.CountBacklog());
            }
        }
        finally
        {
            scheduler.RunLock.Release();
        }
    }

    private void Drain(StatementConnection main, CancellationToken cancellationToken)
    {
        using var digestInbox = inboxes.Open(main);
        using var digester = new BatchDigester(main, cache, alerts, rejected, time, culprits.FirstOrDefault());
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = digestInbox.Read(options.Value.BatchSize, options.Value.AttachmentBatchSize, options.Value.MaxBatchBytes);
            if (batch.IsEmpty)
            {
                return;
            }

            var result = digester.Digest(batch, digestInbox);
            if (space.End())
            {
                LogSpaceReturned();
            }

            digestInbox.Digested(batch);
            backlog.Add(-batch.Events.Count);
            metrics.AddDigested(batch.Events.Count);
            foreach (var perProject in batch.Events.CountBy(e => e.ProjectId))
            {
                training.Digested(perProject.Key, perProject.Value);
            }

            LogBatch(batch.Events.Count, result.Stored, result.Duplicates, result.NewIssueIds.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "bugsink.db cannot grow ({Reason}): the digest is paused, {Waiting} events wait in the inbox until there is space again")]
    private partial void LogFull(string reason, long waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "bugsink.db can be written again; the digest continues")]
    private partial void LogSpaceReturned();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digested a batch of {Count}: {Stored} stored, {Duplicates} duplicates, {NewIssues} new issues")]
    private partial void LogBatch(int count, int stored, int duplicates, int newIssues);
}
