using System.Collections.Concurrent;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Digest;

// DESIGN.md "The hot path", 2: a kill while the digest works through a backlog leaves every event either in
// the inbox or digested, never both and never neither; counters are written in the same transaction.
[Collection(SequentialServers.Name)]
public sealed class DigestCrashTests(ITestOutputHelper output)
{
    private const int Backlog = 30_000;

    [Fact]
    public async Task KillWhileDigestingABacklog_EveryEventStoredAndCountedExactlyOnce()
    {
        // Small batches: more commits to land between, and a digest that falls behind ingest (with the default
        // 1000 it keeps up and the backlog is a few hundred events when sending ends).
        await using var server = await ServerProcess.StartAsync("--Bugsink:Digest:BatchSize=50");
        var project = await server.CreateProjectAsync("Crash during digest");
        // Retention must not evict while this test counts every acknowledged event.
        server.Scalar("bugsink.db", "UPDATE Projects SET RetentionMaxEvents = 1000000");
        var acked = new ConcurrentQueue<string>();
        var sendStarted = DateTime.UtcNow;
        var failed = await server.SendEventsAsync(project, Backlog, 16, acked, CancellationToken.None);
        var sendTime = DateTime.UtcNow - sendStarted;
        string[] all = [.. acked];
        Assert.Equal(0, failed);

        // Kill only once the digest is demonstrably mid-way: some events digested, some still waiting.
        long inbox = 0, events = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            inbox = server.InboxCount();
            events = server.EventCount();
            if (inbox > 0 && events > 0)
            {
                break;
            }

            await Task.Delay(20);
        }

        server.Kill();
        var pendingAtKill = server.PendingCount();
        var eventsAtKill = server.EventCount();
        output.WriteLine($"sent {Backlog} in {sendTime.TotalSeconds:F1} s, acked {all.Length}; last poll: inbox {inbox}, events {events}");
        output.WriteLine($"after kill: inbox {server.InboxCount()} rows, {pendingAtKill} of them undigested; events {eventsAtKill}");
        Assert.True(pendingAtKill > 0 && eventsAtKill > 0, "The kill did not land mid-digest; make the backlog larger.");
        // Never both, never neither: each acknowledged event is digested or waits above the watermark.
        Assert.Equal(all.Length, pendingAtKill + eventsAtKill);

        await server.RestartAsync();
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(40));

        var stored = server.StoredEventCounts();
        var issueCount = server.Scalar("bugsink.db", "SELECT sum(EventCount) FROM Issues");
        var storedCount = server.Scalar("bugsink.db", "SELECT sum(StoredEventCount) FROM Issues");
        var hourly = server.Scalar("bugsink.db", "SELECT sum(Count) FROM ProjectHourlyCounts");
        output.WriteLine($"after restart: stored {stored.Count}; Issues.EventCount {issueCount}, StoredEventCount {storedCount}, hourly {hourly}");
        ServerProcess.AssertExactlyOnce(all, stored);
        Assert.Equal(all.Length, stored.Count);
        Assert.Equal(stored.Count, issueCount);
        Assert.Equal(stored.Count, storedCount);
        Assert.Equal(stored.Count, hourly);
    }
}
