using System.Globalization;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Health;

[Collection(SequentialServers.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task AfterTraffic_CountsIngestedDigestedAndRejectedByReason()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Ingest:MaxCompressedBytes=4096");
        var project = await server.CreateProjectAsync();
        var path = $"/api/{project.Id}/envelope/";
        var ids = new[] { Envelopes.NewEventId(), Envelopes.NewEventId(), Envelopes.NewEventId() };
        foreach (var id in ids)
        {
            Assert.Equal(200, (await server.Http.PostAsync(path, Envelopes.EventEnvelope(id), IngestClient.AuthFor(project))).Status);
        }

        Assert.Equal(403, (await server.Http.PostAsync(path, Envelopes.EventEnvelope(Envelopes.NewEventId()), "Sentry sentry_version=7,sentry_key=0123456789abcdef0123456789abcdef")).Status);
        Assert.Equal(413, (await server.Http.PostAsync(path, new byte[5000], IngestClient.AuthFor(project))).Status);
        Assert.Equal(413, (await server.Http.PostAsync(path, new byte[6000], IngestClient.AuthFor(project))).Status);
        await server.WaitForEventsAsync(ids);

        var (contentType, metrics) = await ScrapeAsync(server);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        Assert.Equal(3, metrics["bugsink_events_ingested_total"]);
        Assert.Equal(3, metrics["bugsink_events_digested_total"]);
        Assert.Equal(1, metrics["bugsink_ingest_rejected_total{reason=\"unknown_or_disabled_key\",status=\"403\"}"]);
        Assert.Equal(2, metrics["bugsink_ingest_rejected_total{reason=\"too_large\",status=\"413\"}"]);
        Assert.Equal(0, metrics["bugsink_digest_backlog_events"]);
        Assert.Equal(1_000_000, metrics["bugsink_digest_backlog_limit_events"]);
        Assert.Equal(0, metrics["bugsink_digest_lag_seconds"]);
    }

    [Fact]
    public async Task DigestPaused_BacklogAndLagGrow()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true");
        var project = await server.CreateProjectAsync();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project))).Status);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        var (_, metrics) = await ScrapeAsync(server);
        Assert.Equal(2, metrics["bugsink_events_ingested_total"]);
        Assert.Equal(0, metrics["bugsink_events_digested_total"]);
        Assert.Equal(2, metrics["bugsink_digest_backlog_events"]);
        Assert.InRange(metrics["bugsink_digest_lag_seconds"], 1.0, 60.0);
    }

    // Every sample line of the text format as series -> value, after checking each has HELP and TYPE.
    private static async Task<(string? ContentType, Dictionary<string, double> Samples)> ScrapeAsync(BugsinkTestServer server)
    {
        using var response = await server.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Where(line => !line.StartsWith('#')))
        {
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var name = series.Split('{')[0];
            Assert.Contains($"# TYPE {name} ", lines.Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)).Select(l => l[..(l.LastIndexOf(' ') + 1)]));
            Assert.Contains(lines, l => l.StartsWith($"# HELP {name} ", StringComparison.Ordinal));
            samples[series] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return (response.Content.Headers.ContentType?.ToString(), samples);
    }

    [Fact]
    public async Task WithAToken_OnlyTheBearerOfItGetsTheMetrics()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Metrics:Token=scrape-secret-123");
        using var anonymous = await server.Http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Bugsink:Metrics:Token", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer scrape-secret-12" } } };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await server.Http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer scrape-secret-123" } } };
        using var answer = await server.Http.SendAsync(right);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("bugsink_events_ingested_total", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
