using Hangfire;

namespace Bugsink.Web.Features.Alerts;

// The digest's nudge after it committed alert rows (IAlertDispatcher): at most one dispatch job waits in
// the email queue, so a digest running batch after batch costs a flag check per batch, not a job each.
public sealed partial class AlertDispatchScheduler(IBackgroundJobClient jobs, ILogger<AlertDispatchScheduler> logger) : IAlertDispatcher
{
    private int _pending;
    private long _nextDueAtTicks = long.MaxValue;

    // Dispatches never overlap, so one alert is never planned twice and the hourly count stays true.
    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => Volatile.Read(ref _pending) == 1;

    // When alerts held back for coalescing fall due; MaxValue when none are held (or none are known yet).
    public DateTimeOffset? NextDueAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _nextDueAtTicks);
            return ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void AlertsCommitted() => RequestDispatch();

    public void RequestDispatch()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            return;
        }

        try
        {
            jobs.Enqueue<DispatchAlertsJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The rows are safe in the database; the watchdog asks again shortly. This must not throw
            // into the digest, whose transaction has already committed.
            Volatile.Write(ref _pending, 0);
            LogEnqueueFailed(exception);
        }
    }

    // Called by the job as it starts: anything committed from now on needs a new job.
    public void MarkStarted() => Volatile.Write(ref _pending, 0);

    public void NoteNextDue(DateTimeOffset? dueAt) =>
        Interlocked.Exchange(ref _nextDueAtTicks, dueAt?.UtcTicks ?? long.MaxValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the alert dispatch job; the watchdog will retry")]
    private partial void LogEnqueueFailed(Exception exception);
}
