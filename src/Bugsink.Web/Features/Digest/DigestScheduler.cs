using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Digest;

// At most one digest job waits in the queue at any time (DESIGN.md "The hot path", 2): the inbox
// writer asks after every commit, and only the first ask since the last job started enqueues.
public sealed class DigestScheduler(IBackgroundJobClient jobs, IOptions<DigestOptions> options, ILogger<DigestScheduler> logger)
{
    private readonly PendingJob _job = new("digest", static client => client.Enqueue<DigestJob>(job => job.RunAsync(CancellationToken.None)), jobs, logger);

    // Two jobs never digest at once, even if a leftover job from before a restart is also queued.
    public SemaphoreSlim RunLock { get; } = new(1, 1);

    public bool IsPending => _job.IsPending;

    // Enqueueing writes (and fsyncs) hangfire.db; the inbox writer calls this after each commit and
    // must not wait for it, so it happens on the thread pool.
    public void RequestDigest()
    {
        if (!options.Value.Paused)
        {
            _job.RequestInBackground();
        }
    }

    // Called by the job as it starts: anything committed from now on needs a new job.
    public void MarkStarted() => _job.MarkStarted();
}
