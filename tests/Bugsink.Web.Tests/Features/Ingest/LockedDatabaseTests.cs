using System.Collections.Concurrent;
using System.Diagnostics;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Ingest;

// Issue 19, item 10: another process (here: the test's own connection, a different process from the
// server) holds bugsink.db with an exclusive write lock for 30 s. Ingest writes only inbox.db, so it must
// keep acknowledging; the digest must wait for the lock and catch up afterwards, losing nothing.
[Collection(SequentialServers.Name)]
public sealed class LockedDatabaseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LockHeld = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MainDatabaseLockedFor30Seconds_IngestAcknowledgesAndTheDigestCatchesUp()
    {
        await using var server = await ServerProcess.StartAsync();
        var project = await server.CreateProjectAsync("Locked main database");
        var acked = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        Assert.Equal(0, await server.SendEventsAsync(project, 50, 4, acked, CancellationToken.None));
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        using (var holder = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, "bugsink.db")};Pooling=False"))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                begin.ExecuteNonQuery();
            }

            while (clock.Elapsed < LockHeld)
            {
                await SendOneAsync(server, project, acked, statuses);
            }

            // Nothing could be digested while the lock was held.
            Assert.True(server.InboxCount() > 0, "The inbox is empty although bugsink.db was locked.");
            output.WriteLine($"while locked: {acked.Count} acknowledged, inbox {server.InboxCount()}, answers {string.Join(", ", statuses.Select(p => $"{p.Key} x{p.Value}"))}");
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        // A few more after the lock is gone: they start the digest again if nothing is still waiting to.
        for (var i = 0; i < 20; i++)
        {
            await SendOneAsync(server, project, acked, statuses);
        }

        await server.WaitForDrainAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"caught up {clock.Elapsed.TotalSeconds:F1} s after locking; acknowledged {acked.Count}; logged errors: {server.LoggedErrors.Count}");
        Assert.Equal([200], statuses.Keys.Order());
        ServerProcess.AssertExactlyOnce([.. acked], server.StoredEventCounts());
        Assert.Equal(acked.Count, server.StoredEventCounts().Count);
    }

    private static async Task SendOneAsync(ServerProcess server, TestProject project, ConcurrentQueue<string> acked, ConcurrentDictionary<int, int> statuses)
    {
        var id = Envelopes.NewEventId();
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(id), IngestClient.AuthFor(project));
        statuses.AddOrUpdate(answer.Status, 1, (_, n) => n + 1);
        if (answer.Status == 200)
        {
            acked.Enqueue(id);
        }

        await Task.Delay(10);
    }
}
