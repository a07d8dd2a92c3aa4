using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Digest;

// What starts a digest, per engine (DatabaseSetup picks one): SQLite's Hangfire job, PostgreSQL's leader loop.
public interface IDigestTrigger
{
    bool IsPending { get; }

    void Request();

    void MarkStarted();

    // The trigger's own loop, if it has one, for as long as the server runs (DigestTriggerHost).
    Task RunAsync(CancellationToken stoppingToken);
}

// At most one digest job waits in the queue at any time (DESIGN.md "The hot path", 2): the inbox
// writer asks after every commit, and only the first ask since the last job started enqueues.
public sealed class HangfireDigestTrigger(IBackgroundJobClient jobs, IOptions<DigestOptions> options, ILogger<HangfireDigestTrigger> logger) : IDigestTrigger
{
    private readonly PendingJob _job = new("digest", static client => client.Enqueue<DigestJob>(job => job.RunAsync(CancellationToken.None)), jobs, logger);

    public bool IsPending => _job.IsPending;

    // Enqueueing writes (and fsyncs) hangfire.db, so it happens on the thread pool.
    public void Request()
    {
        if (!options.Value.Paused)
        {
            _job.RequestInBackground();
        }
    }

    public void MarkStarted() => _job.MarkStarted();

    public Task RunAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}

public sealed class DigestTriggerHost(IDigestTrigger trigger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => trigger.RunAsync(stoppingToken);
}
