using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;

namespace Bugsink.Web.Features.Retention;

// At most one attachment eviction job waits in the queue (the watchdog asks every second or so).
public sealed class AttachmentEvictionScheduler(IBackgroundJobClient jobs, ILogger<AttachmentEvictionScheduler> logger)
{
    private readonly PendingJob _job = new(
        "attachment eviction", static client => client.Enqueue<EvictAttachmentsJob>(job => job.RunAsync(CancellationToken.None)), jobs, logger);

    // Attachments below this id were already found to have their event (or were deleted): the orphan
    // sweep starts after it. In memory only: after a restart the first sweep looks at every attachment once.
    private long _checkedUpTo;

    // The digest's attachment watermark as the last run that finished saw it: while the current one
    // differs (new attachments, or a run that failed) the watchdog asks again.
    private long _sweptWatermark = -1;

    public bool IsPending => _job.IsPending;

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

    // If the enqueue fails, the watchdog asks again on its next tick.
    public void RequestEviction() => _job.Request();

    public void MarkStarted() => _job.MarkStarted();
}
