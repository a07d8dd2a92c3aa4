using Hangfire;

namespace Bugsink.Web.Features.Retention;

// At most one attachment eviction job waits in the queue (the watchdog asks every second or so).
public sealed partial class AttachmentEvictionScheduler(IBackgroundJobClient jobs, ILogger<AttachmentEvictionScheduler> logger)
{
    private int _pending;

    // Attachments below this id were already found to have their event (or were deleted): the orphan
    // sweep starts after it. In memory only: after a restart the first sweep looks at every attachment once.
    private long _checkedUpTo;

    // The digest's attachment watermark as the last run that finished saw it: while the current one
    // differs (new attachments, or a run that failed) the watchdog asks again.
    private long _sweptWatermark = -1;

    public bool IsPending => Volatile.Read(ref _pending) == 1;

    public long SweptWatermark
    {
        get => Volatile.Read(ref _sweptWatermark);
        set => Volatile.Write(ref _sweptWatermark, value);
    }

    public long CheckedUpTo
    {
        get => Volatile.Read(ref _checkedUpTo);
        set => Volatile.Write(ref _checkedUpTo, value);
    }

    public void RequestEviction()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            return;
        }

        try
        {
            jobs.Enqueue<EvictAttachmentsJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The watchdog asks again on its next tick.
            Volatile.Write(ref _pending, 0);
            LogEnqueueFailed(exception);
        }
    }

    public void MarkStarted() => Volatile.Write(ref _pending, 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the attachment eviction job; will retry")]
    private partial void LogEnqueueFailed(Exception exception);
}
