using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;

namespace Bugsink.Web.Features.Retention;

// At most one eviction job waits in the queue, and only one evicts at a time (both kinds share the
// lock): two would only queue behind each other on SQLite's single writer.
public sealed class EvictionScheduler(IBackgroundJobClient jobs, ILogger<EvictionScheduler> logger)
{
    private readonly PendingJob _job = new("eviction", static client => client.Enqueue<EvictEventsJob>(job => job.RunAsync(CancellationToken.None)), jobs, logger);

    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => _job.IsPending;

    // If the enqueue fails, the watchdog asks again on its next check.
    public void RequestEviction() => _job.Request();

    // Called by the job as it starts: anything digested from now on may need another run.
    public void MarkStarted() => _job.MarkStarted();
}
