using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Quotas;

// The digest backlog bound: with the digest paused the inbox only grows, and past the bound ingest
// answers 429 in the same shape as a quota, scoped to the whole installation (DESIGN.md "The hot path", 3).
[Collection(SequentialServers.Name)]
public sealed class BackPressureTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true", "--Bugsink:Ingest:MaxBacklog=50");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task BacklogPastTheBound_Answers429WithRateLimitHeaders()
    {
        var project = await _server.CreateProjectAsync("Backlogged");
        var answers = new List<IngestAnswer>();
        for (var i = 0; i < 60; i++)
        {
            answers.Add(await _server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project)));
        }

        // The bound is "more than 50 waiting": the 51st is still taken, the 52nd is not.
        Assert.Equal(51, answers.Count(a => a.Status == 200));
        Assert.All(answers.Skip(51), refused =>
        {
            Assert.Equal(429, refused.Status);
            Assert.Equal("10", string.Join(",", refused.Headers.GetValues("Retry-After")));
            var limits = string.Join(",", refused.Headers.GetValues("X-Sentry-Rate-Limits"));
            Assert.Equal("10::organization", limits);
            RateLimitParsers.AssertAllRead(limits, new ParsedLimit(10, []));
        });
        Assert.Equal(9, RefusalCounts.Read(_server, project.Id, "back_pressure"));
    }
}
