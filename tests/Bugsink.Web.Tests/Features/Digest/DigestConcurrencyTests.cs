using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Tests.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Digest;

// A person resolves an issue while the digest works through a backlog of that issue's events. SQLite's
// single writer lock orders the two; whatever the order, the issue ends in one consistent state with
// one history entry per change, one regression alert per regression and one kept event per regression.
[Collection(SequentialServers.Name)]
public sealed class DigestConcurrencyTests(ITestOutputHelper output)
{
    private const string Error = "Deadlock detected while saving the order";
    private const int EventsPerRound = 2000;
    private const int Rounds = 3;

    [Fact]
    public async Task ResolveDuringABatch_OneConsistentStateAndOneEntryPerChange()
    {
        // The digest is paused so the backlog builds up first; the test then runs the job itself.
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true", "--Bugsink:Digest:BatchSize=250");
        var scenario = new IssueScenario(server, await server.CreateProjectAsync("Concurrency"));
        var first = await SendAsync(scenario, 1);
        await DigestAsync(server);
        var issueId = scenario.IssueOf(first[0]);

        for (var round = 0; round < Rounds; round++)
        {
            await SendAsync(scenario, EventsPerRound);
            var before = server.Count("SELECT count(*) FROM Events");
            var digest = Task.Run(() => DigestAsync(server));
            // Resolve once the digest has committed its first batch of this round and is busy with the next.
            while (server.Count("SELECT count(*) FROM Events") == before && !digest.IsCompleted)
            {
                await Task.Delay(5);
            }

            await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, CancellationToken.None));
            var afterResolve = server.Count("SELECT count(*) FROM Events");
            await digest;
            output.WriteLine($"round {round}: resolved after {afterResolve - before} of {EventsPerRound} events were digested");
        }

        var issue = await scenario.IssueAsync(issueId);
        var history = await scenario.HistoryKindsAsync(issueId);
        output.WriteLine(string.Join(", ", history));

        // Resolved and Regressed alternate: each resolve is recorded once, each regression once and only after a resolve.
        Assert.Equal(Rounds, history.Count(k => k == IssueHistoryKind.Resolved));
        for (var i = 0; i < history.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? IssueHistoryKind.Resolved : IssueHistoryKind.Regressed, history[i]);
        }

        var regressions = history.Count(k => k == IssueHistoryKind.Regressed);
        Assert.Equal(history[^1] == IssueHistoryKind.Resolved, issue.IsResolved);
        Assert.Equal(regressions, (await scenario.AlertsAsync(issueId)).Count(a => a.Kind == AlertKind.Regression));
        // The first event opened the issue; every other kept event regressed it.
        Assert.Equal(regressions + 1, server.Count("SELECT count(*) FROM Events WHERE IssueId = $i AND IsProtected = 1", ("$i", issueId)));
        Assert.Equal(1 + (Rounds * EventsPerRound), issue.EventCount);
        Assert.True(regressions >= 1, "No resolve landed before the end of a round's digest; the test did not test anything.");
    }

    private static Task DigestAsync(BugsinkTestServer server) => server.Services.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);

    // Eight senders at once: the inbox order does not matter here, only that all are acknowledged.
    private static async Task<string[]> SendAsync(IssueScenario scenario, int count)
    {
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            ids[i] = Envelopes.NewEventId();
            var answer = await scenario.Server.Http.PostAsync(
                $"/api/{scenario.Project.Id}/envelope/", Envelopes.EventEnvelope(ids[i], Envelopes.MinimalEvent(ids[i], Error)), IngestClient.AuthFor(scenario.Project));
            Assert.Equal(200, answer.Status);
        });
        return ids;
    }
}
