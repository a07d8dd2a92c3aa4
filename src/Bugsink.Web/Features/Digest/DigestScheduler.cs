namespace Bugsink.Web.Features.Digest;

// Asked after every inbox commit (and by the watchdog) to get the inbox digested; how is the engine's
// (IDigestTrigger): a Hangfire job on SQLite, the leader loop on PostgreSQL.
public sealed class DigestScheduler(IDigestTrigger trigger)
{
    // Two digests never run at once in this process, even if a leftover job from before a restart is also queued.
    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => trigger.IsPending;

    // Must not wait: the inbox writer calls this on its own thread after each commit.
    public void RequestDigest() => trigger.Request();

    // Called by the job as it starts: anything committed from now on needs a new job.
    public void MarkStarted() => trigger.MarkStarted();
}
