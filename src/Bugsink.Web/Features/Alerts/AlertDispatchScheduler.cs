using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;

namespace Bugsink.Web.Features.Alerts;

// The digest's nudge after it committed alert rows (IAlertDispatcher): at most one dispatch job waits in
// the email queue, so a digest running batch after batch costs a flag check per batch, not a job each.
// If the enqueue fails, the rows are safe in the database and the watchdog asks again shortly.
public sealed class AlertDispatchScheduler(IBackgroundJobClient jobs, ILogger<AlertDispatchScheduler> logger) : IAlertDispatcher
{
    private readonly PendingJob _job = new(
        "alert dispatch", static client => client.Enqueue<DispatchAlertsJob>(job => job.RunAsync(CancellationToken.None)), jobs, logger);

    private long _nextDueAtTicks = long.MaxValue;

    // Dispatches never overlap, so one alert is never planned twice and the hourly count stays true.
    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => _job.IsPending;

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

    public void RequestDispatch() => _job.Request();

    // Called by the job as it starts: anything committed from now on needs a new job.
    public void MarkStarted() => _job.MarkStarted();

    public void NoteNextDue(DateTimeOffset? dueAt) =>
        Interlocked.Exchange(ref _nextDueAtTicks, dueAt?.UtcTicks ?? long.MaxValue);
}
