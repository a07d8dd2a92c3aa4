using Hangfire;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Digest;

// At most one digest job waits in the queue at any time (DESIGN.md "The hot path", 2): the inbox
// writer asks after every commit, and only the first ask since the last job started enqueues.
public sealed partial class DigestScheduler(IBackgroundJobClient jobs, IOptions<DigestOptions> options, ILogger<DigestScheduler> logger)
{
    private int _pending;

    // Two jobs never digest at once, even if a leftover job from before a restart is also queued.
    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => Volatile.Read(ref _pending) == 1;

    public void RequestDigest()
    {
        if (options.Value.Paused || Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            return;
        }

        // Enqueueing writes (and fsyncs) hangfire.db; the inbox writer calls this after each commit and
        // must not wait for it, so it happens on the thread pool.
        ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Enqueue(), this, preferLocal: false);
    }

    private void Enqueue()
    {
        try
        {
            jobs.Enqueue<DigestJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The events are safe in the inbox; the watchdog asks again shortly.
            Volatile.Write(ref _pending, 0);
            LogEnqueueFailed(exception);
        }
    }

    // Called by the job as it starts: anything committed from now on needs a new job.
    public void MarkStarted() => Volatile.Write(ref _pending, 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the digest job; will retry")]
    private partial void LogEnqueueFailed(Exception exception);
}
