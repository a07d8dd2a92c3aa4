using System.Collections.Concurrent;
using System.Diagnostics;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Ingest;

// Issue 19, item 10: SIGKILL at seeded random moments while 16 senders keep ingest and the digest busy.
// After the last restart every acknowledged event is stored once, every issue counts exactly the events it
// holds (no counter bumped twice by a retried batch), and all three database files pass integrity_check.
[Collection(SequentialServers.Name)]
public sealed class KillSoakTests(ITestOutputHelper output)
{
    private const int Cycles = 20;
    private const int Senders = 16;
    private const int Groupings = 5;

    // Words, not numbers: grouping normalises numbers away, so "failure 1" and "failure 2" are one issue.
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo"];

    [Fact]
    public async Task TwentyKillsUnderLoad_NothingAcknowledgedIsLostOrCountedTwice()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BUGSINK_SOAK_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"seed {seed} (BUGSINK_SOAK_SEED={seed} repeats it)");
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        await using var server = await ServerProcess.StartAsync();
        var project = await server.CreateProjectAsync("Kill soak");
        // Retention by count (10,000 by default) would evict acknowledged events and make them look lost.
        server.Scalar("bugsink.db", $"UPDATE Projects SET RetentionMaxEvents = 10000000 WHERE Id = {project.Id}");
        var acked = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var unanswered = new int[Groupings];
        using var stop = new CancellationTokenSource();
        var sending = Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(
            () => SendUntilStoppedAsync(server, project, sender, acked, unanswered, stop.Token), CancellationToken.None)));

        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            // Past start-up (Hangfire has begun digesting) and anywhere inside a digest batch.
            await Task.Delay(random.Next(300, 2500));
            var before = acked.Count;
            await server.RestartAsync();
            output.WriteLine($"cycle {cycle}: killed at {before} acknowledged, {clock.Elapsed.TotalSeconds:F1} s");
        }

        await Task.Delay(1000);
        await stop.CancelAsync();
        await sending;
        await server.WaitForDrainAsync(TimeSpan.FromSeconds(90));
        server.Kill();

        var stored = server.StoredEventCounts();
        var all = acked.Keys.ToArray();
        var duplicates = stored.Count(pair => pair.Value != 1);
        var lost = all.Count(id => !stored.ContainsKey(id));
        output.WriteLine($"cycles {Cycles}, acknowledged {all.Length}, unanswered {unanswered.Sum()}, stored {stored.Count}, lost {lost}, duplicates {duplicates}, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(all.Length >= 2000, $"Only {all.Length} events were acknowledged in the soak.\n{server.RecentOutput}");
        ServerProcess.AssertExactlyOnce(all, stored);
        AssertIssueCounts(server, acked, unanswered);
        foreach (var file in (string[])["bugsink.db", "inbox.db", "hangfire.db"])
        {
            Assert.Equal("ok", IntegrityCheck(Path.Combine(server.DataDir, file)));
        }
    }

    private static async Task SendUntilStoppedAsync(
        ServerProcess server, TestProject project, int sender, ConcurrentDictionary<string, int> acked, int[] unanswered, CancellationToken stop)
    {
        var (path, auth) = ($"/api/{project.Id}/envelope/", IngestClient.AuthFor(project));
        for (var n = sender; !stop.IsCancellationRequested; n++)
        {
            var grouping = n % Groupings;
            var id = Envelopes.NewEventId();
            var body = Envelopes.EventEnvelope(id, Envelopes.MinimalEvent(id, $"Soak failure {Words[grouping]}"));
            try
            {
                // Read Http each time: a restart replaces it.
                if ((await server.Http.PostAsync(path, body, auth)).Status == 200)
                {
                    acked[id] = grouping;
                    continue;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or ObjectDisposedException)
            {
                // Killed under this request, or not listening yet.
            }

            // Not acknowledged, yet it may have been committed just before the kill: it bounds the counts from above.
            Interlocked.Increment(ref unanswered[grouping]);
            await Task.Delay(20, CancellationToken.None);
        }
    }

    // Each grouping is one issue; its EventCount is its stored events (no batch counted twice), at least
    // the acknowledged ones, and at most those plus the requests of that grouping that got no answer.
    private void AssertIssueCounts(ServerProcess server, ConcurrentDictionary<string, int> acked, int[] unanswered)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, "bugsink.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT i.Id, i.EventCount, e.EventId FROM Issues i JOIN Events e ON e.IssueId = i.Id";
        var issueOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var eventCount = new Dictionary<long, long>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                eventCount[reader.GetInt64(0)] = reader.GetInt64(1);
                issueOf[reader.GetString(2)] = reader.GetInt64(0);
            }
        }

        Assert.Equal(Groupings, eventCount.Count);
        foreach (var (issue, count) in eventCount)
        {
            var storedHere = issueOf.Count(pair => pair.Value == issue);
            var ackedHere = acked.Where(pair => issueOf.GetValueOrDefault(pair.Key) == issue).ToList();
            var grouping = Assert.Single(ackedHere.Select(pair => pair.Value).Distinct());
            output.WriteLine($"issue {issue} (grouping {grouping}): EventCount {count}, stored {storedHere}, acknowledged {ackedHere.Count}, unanswered {unanswered[grouping]}");
            Assert.Equal(storedHere, count);
            Assert.InRange(count, ackedHere.Count, ackedHere.Count + unanswered[grouping]);
        }
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
