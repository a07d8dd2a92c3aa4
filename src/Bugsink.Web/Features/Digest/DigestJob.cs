using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Web;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Digest;

// Drains the inbox batch by batch. Re-entrant and idempotent: the watermark written with each batch
// and the (project, event id) uniqueness mean a retry after a crash neither duplicates nor drops.
public sealed partial class DigestJob(
    DigestScheduler scheduler,
    InboxDatabase inbox,
    InboxBacklog backlog,
    ServerMetrics metrics,
    IssueCache cache,
    IAlertDispatcher alerts,
    RejectedItemCounter rejected,
    DictionaryTrainingTrigger training,
    IOptions<SiteOptions> site,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestJob> logger)
{
    [Queue(DigestOptions.Queue)]
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        scheduler.MarkStarted();
        await scheduler.RunLock.WaitAsync(cancellationToken);
        try
        {
            Drain(cancellationToken);
        }
        finally
        {
            scheduler.RunLock.Release();
        }
    }

    private void Drain(CancellationToken cancellationToken)
    {
        using var reader = new InboxReader(inbox);
        using var digester = new BatchDigester(site.Value, cache, alerts, rejected, time);
        var progress = digester.LoadProgress();
        // Rows at or below the watermark were digested before a crash cut the delete short.
        reader.DeleteUpTo(progress);
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = reader.Read(progress, options.Value.BatchSize, options.Value.AttachmentBatchSize, options.Value.MaxBatchBytes);
            if (batch.IsEmpty)
            {
                return;
            }

            var result = digester.Digest(batch, progress, reader.CopyAttachment);
            progress = result.Progress;
            reader.DeleteUpTo(progress);
            backlog.Add(-batch.Events.Count);
            metrics.AddDigested(batch.Events.Count);
            foreach (var perProject in batch.Events.CountBy(e => e.ProjectId))
            {
                training.Digested(perProject.Key, perProject.Value);
            }

            LogBatch(batch.Events.Count, result.Stored, result.Duplicates, result.NewIssueIds.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digested a batch of {Count}: {Stored} stored, {Duplicates} duplicates, {NewIssues} new issues")]
    private partial void LogBatch(int count, int stored, int duplicates, int newIssues);
}
