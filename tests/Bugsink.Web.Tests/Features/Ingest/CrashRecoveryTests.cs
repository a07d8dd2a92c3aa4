using System.Collections.Concurrent;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Ingest;

// DESIGN.md "The hot path", 1: the 200 goes out only after the inbox commit, so a SIGKILL at any moment
// may lose unacknowledged requests but never an acknowledged event, and the restart digests what waited.
[Collection(SequentialServers.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Senders = 16;

    [Fact]
    public async Task KillDuringIngest_EveryAcknowledgedEventIsStoredExactlyOnce()
    {
        await using var server = await ServerProcess.StartAsync();
        var project = await server.CreateProjectAsync("Crash during ingest");
        var acked = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        // Far more than can be sent before the kill: the stream is still running when it comes.
        var sending = server.SendEventsAsync(project, int.MaxValue, Senders, acked, stop.Token);
        var started = DateTime.UtcNow;
        while (acked.Count < 2000 && DateTime.UtcNow - started < TimeSpan.FromSeconds(20) && !sending.IsCompleted)
        {
            await Task.Delay(10);
        }

        server.Kill();
        var ackedAtKill = acked.Count;
        await stop.CancelAsync();
        var failed = await sending;
        // Answers already read off the socket may have been counted just after the kill: they are acknowledged too.
        string[] all = [.. acked];
        Assert.True(all.Length >= 1000, $"Only {all.Length} events were acknowledged before the kill.\n{server.RecentOutput}");

        var pendingAtKill = server.PendingCount();
        var eventsAtKill = server.EventCount();
        // Never both, never neither: what is not digested waits above the watermark.
        Assert.InRange(pendingAtKill + eventsAtKill, all.Length, all.Length + failed);
        await server.RestartAsync();
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(40));

        var stored = server.StoredEventCounts();
        output.WriteLine($"acked before kill: {all.Length} ({ackedAtKill} when killed), failed: {failed}");
        output.WriteLine($"at kill: pending {pendingAtKill}, events {eventsAtKill}; after restart: stored {stored.Count} distinct, {stored.Values.Sum()} rows");
        ServerProcess.AssertExactlyOnce(all, stored);
        // Committed but unanswered requests may add a few beyond the acknowledged ones, never fewer.
        Assert.InRange(stored.Count, all.Length, all.Length + failed);
    }

    [Fact]
    public async Task KillRightAfterTheLastAcknowledgement_RestartDigestsTheInbox()
    {
        await using var server = await ServerProcess.StartAsync();
        var project = await server.CreateProjectAsync("Crash before digest");
        var acked = new ConcurrentQueue<string>();

        // A short burst, killed as soon as its last answer arrives: the digest job (Hangfire polls every
        // 200 ms) has usually not picked up the last commits. When it did, the round proved nothing: retry.
        long pendingAtKill = 0;
        for (var round = 1; round <= 5 && pendingAtKill == 0; round++)
        {
            if (round > 1)
            {
                await server.RestartAsync();
            }

            var failed = await server.SendEventsAsync(project, 200, Senders, acked, CancellationToken.None);
            server.Kill();
            pendingAtKill = server.PendingCount();
            var eventsAtKill = server.EventCount();
            output.WriteLine($"round {round}: acked {acked.Count} in all, failed {failed}; at kill: pending {pendingAtKill}, events {eventsAtKill}");
            Assert.Equal(0, failed);
            Assert.Equal(acked.Count, pendingAtKill + eventsAtKill);
        }

        Assert.True(pendingAtKill > 0, "The digest emptied the inbox before every kill; the restart had nothing to prove.");
        await server.RestartAsync();
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(30));

        string[] all = [.. acked];
        var stored = server.StoredEventCounts();
        output.WriteLine($"after restart: stored {stored.Count}");
        ServerProcess.AssertExactlyOnce(all, stored);
        Assert.Equal(all.Length, stored.Count);
    }
}
