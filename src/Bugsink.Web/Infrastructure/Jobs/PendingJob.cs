using Hangfire;

namespace Bugsink.Web.Infrastructure.Jobs;

// At most one job of a kind waits in Hangfire's queue: the first request since the last job started
// enqueues one, every later request is a flag check until that job starts (and calls MarkStarted), so a
// caller that asks after every batch costs nothing while a job is already coming. Work committed after
// MarkStarted asks again and gets a new job, so nothing waits for a job that started too early.
public sealed partial class PendingJob(string name, Action<IBackgroundJobClient> enqueue, IBackgroundJobClient jobs, ILogger logger)
{
    private int _pending;

    public bool IsPending => Volatile.Read(ref _pending) == 1;

    public void Request()
    {
        if (TryClaim())
        {
            Enqueue();
        }
    }

    // For callers that must not wait for Hangfire's storage write (and fsync), such as the inbox writer's
    // thread: the enqueue happens on the thread pool.
    public void RequestInBackground()
    {
        if (TryClaim())
        {
            ThreadPool.UnsafeQueueUserWorkItem(static job => job.Enqueue(), this, preferLocal: false);
        }
    }

    // Called by the job as it starts: anything committed from now on needs a new job.
    public void MarkStarted() => Volatile.Write(ref _pending, 0);

    private bool TryClaim() => Interlocked.CompareExchange(ref _pending, 1, 0) == 0;

    private void Enqueue()
    {
        try
        {
            enqueue(jobs);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // What the job would do is safe where it is (inbox, database); the owner's watchdog asks again
            // shortly. This must not throw into the caller, whose own work has already committed.
            Volatile.Write(ref _pending, 0);
            LogEnqueueFailed(logger, exception, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the {Job} job; will retry")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, string job);
}
