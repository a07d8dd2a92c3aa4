using Bugsink.Web.Features.Ingest;

namespace Bugsink.Web.Features.Digest;

// Events left in the inbox by a crash, or by an enqueue that failed, must still be digested:
// at start-up and then every few seconds, a non-empty inbox with no job pending gets one.
public sealed class DigestWatchdog(IInbox inbox, InboxBacklog backlog, DigestScheduler scheduler) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var waiting = inbox.CountBacklog();
            backlog.Set(waiting);
            if (waiting > 0 && !scheduler.IsPending && scheduler.RunLock.CurrentCount > 0)
            {
                scheduler.RequestDigest();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
