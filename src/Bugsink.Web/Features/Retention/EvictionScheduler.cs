using Hangfire;

namespace Bugsink.Web.Features.Retention;

// At most one eviction job waits in the queue, and only one evicts at a time (both kinds share the
// lock): two would only queue behind each other on SQLite's single writer.
public sealed partial class EvictionScheduler(IBackgroundJobClient jobs, ILogger<EvictionScheduler> logger)
{
    private int _pending;

    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => Volatile.Read(ref _pending) == 1;

    public void RequestEviction()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            return;
        }

        try
        {
            jobs.Enqueue<EvictEventsJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The watchdog asks again on its next check.
            Volatile.Write(ref _pending, 0);
            LogEnqueueFailed(exception);
        }
    }

    // Called by the job as it starts: anything digested from now on may need another run.
    public void MarkStarted() => Volatile.Write(ref _pending, 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the eviction job; will retry")]
    private partial void LogEnqueueFailed(Exception exception);
}
