using System.Collections.Concurrent;
using System.Text;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Hardening.Faults;

// Issue 19, item 10 (disk full): a server process whose database files are capped (test-only settings,
// PRAGMA max_page_count on every connection) while the test fills them with ballast and later frees it.
// An event the inbox could not store must never answer 200; every acknowledged one is stored exactly once.
[Collection(SequentialServers.Name)]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    // Far above a new installation's size (a few hundred pages) and small enough to fill in a moment.
    private const long InboxPages = 2560;
    private const long MainPages = 8192;

    [Fact]
    public async Task InboxCannotGrow_IngestAnswers503WithRetryAfter_AndAcknowledgesAgainOnceSpaceReturns()
    {
        // The digest waits, so only the ballast decides whether the inbox has room; it runs at the end.
        var environment = new Dictionary<string, string> { ["Bugsink__Digest__Paused"] = "true" };
        await using var server = await ServerProcess.StartAsync(environment, $"--Bugsink:Ingest:InboxMaxPageCount={InboxPages}");
        var project = await server.CreateProjectAsync("Full inbox");
        var inboxFile = Path.Combine(server.DataDir, "inbox.db");
        var acked = new ConcurrentQueue<string>();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, await SendAsync(server, project, acked));
        }

        Ballast.Fill(inboxFile, InboxPages);
        var refused = new List<IngestAnswer>();
        for (var attempt = 0; attempt < 500 && refused.Count < 20; attempt++)
        {
            var id = Envelopes.NewEventId();
            var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(id), IngestClient.AuthFor(project));
            Assert.True(answer.Status is 200 or 503, $"answered {answer.Status}: {answer.Body}");
            if (answer.Status == 200)
            {
                acked.Enqueue(id);
            }
            else
            {
                refused.Add(answer);
            }
        }

        output.WriteLine($"full inbox: {acked.Count} acknowledged in all, {refused.Count} refused; e.g. {refused.FirstOrDefault()?.Body}");
        Assert.Equal(20, refused.Count);
        Assert.All(refused, answer =>
        {
            Assert.True(answer.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "A 503 without Retry-After.");
            Assert.Contains("storage", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });

        // An attachment that goes through the spool file into the inbox is refused the same way.
        var withAttachment = await server.Http.PostAsync($"/api/{project.Id}/envelope/", AttachmentEnvelope(Envelopes.NewEventId(), 300 * 1024), IngestClient.AuthFor(project));
        Assert.Equal(503, withAttachment.Status);

        Ballast.Remove(inboxFile);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, await SendAsync(server, project, acked));
        }

        server.Environment["Bugsink__Digest__Paused"] = "false";
        await server.RestartAsync();
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(60));
        var stored = server.StoredEventCounts();
        output.WriteLine($"acknowledged {acked.Count}, stored {stored.Count}; logged errors {server.LoggedErrors.Count}, exceptions {server.LoggedExceptions.Count}");
        ServerProcess.AssertExactlyOnce([.. acked], stored);
        Assert.Equal(acked.Count, stored.Count);
        Assert.Empty(server.LoggedErrors);
        Assert.Empty(server.LoggedExceptions);
    }

    [Fact]
    public async Task MainDatabaseCannotGrow_DigestPausesWithItsBatchInTheInbox_AndDigestsItOnceWhenSpaceReturns()
    {
        await using var server = await ServerProcess.StartAsync($"--Bugsink:Digest:DatabaseMaxPageCount={MainPages}");
        var project = await server.CreateProjectAsync("Full main database");
        var mainFile = Path.Combine(server.DataDir, "bugsink.db");
        var acked = new ConcurrentQueue<string>();
        Assert.Equal(0, await server.SendEventsAsync(project, 20, 2, acked, CancellationToken.None));
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(30));

        Ballast.Fill(mainFile, MainPages);
        // Ingest writes only inbox.db: every one of these is acknowledged although nothing can be digested.
        Assert.Equal(0, await server.SendEventsAsync(project, 300, 4, acked, CancellationToken.None));
        // Long enough for the watchdog (every 5 s) to start the digest again twice.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var waiting = server.InboxCount();
        var digested = server.EventCount();
        output.WriteLine($"while full: {acked.Count} acknowledged, {digested} digested, {waiting} waiting in the inbox");
        Assert.True(waiting > 200, $"Only {waiting} events wait in the inbox although bugsink.db is full ({digested} digested).");
        Assert.Contains(server.RecentOutput.Split('\n'), line => line.Contains("the digest is paused", StringComparison.Ordinal));

        Ballast.Remove(mainFile);
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(60));
        var stored = server.StoredEventCounts();
        output.WriteLine($"after space returned: acknowledged {acked.Count}, stored {stored.Count}, issue count {server.Scalar("bugsink.db", "SELECT sum(EventCount) FROM Issues")}; " +
            $"logged errors {server.LoggedErrors.Count}, exceptions {server.LoggedExceptions.Count}");
        ServerProcess.AssertExactlyOnce([.. acked], stored);
        Assert.Equal(acked.Count, stored.Count);
        Assert.Equal(acked.Count, server.Scalar("bugsink.db", "SELECT sum(EventCount) FROM Issues"));
        Assert.Empty(server.LoggedErrors);
        Assert.Empty(server.LoggedExceptions);
    }

    private static async Task<int> SendAsync(ServerProcess server, TestProject project, ConcurrentQueue<string> acked)
    {
        var id = Envelopes.NewEventId();
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(id), IngestClient.AuthFor(project));
        if (answer.Status == 200)
        {
            acked.Enqueue(id);
        }

        return answer.Status;
    }

    // An event and an attachment of random (incompressible) bytes, large enough to be spooled.
    private static byte[] AttachmentEnvelope(string eventId, int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        return Envelopes.WithLengths(
            $$"""{"event_id":"{{eventId}}"}""",
            ("""{"type":"event"}""", Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId))),
            ("""{"type":"attachment","filename":"dump.bin"}""", data));
    }
}
