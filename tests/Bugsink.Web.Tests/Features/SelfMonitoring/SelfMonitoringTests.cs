using System.Net;
using Bugsink.Web.Tests.Infrastructure;
using static Bugsink.Web.Tests.Features.SelfMonitoring.MonitoredServers;

namespace Bugsink.Web.Tests.Features.SelfMonitoring;

// Issue 20, "Show it": server A reports its own errors (Sentry.AspNetCore, SENTRY_DSN) to a project on
// server B, and never its ingest traffic. Tracing is switched on for A in these tests, because then
// every request would be reported (as a transaction) unless it is ingest: that is what makes "A's
// ingest traffic produces nothing on B" and "no loop" checks that can fail.
[Collection(SequentialServers.Name)]
public sealed class SelfMonitoringTests
{
    private const string RequestError = "%test error from a request%";
    private const string JobError = "%test error from a background job%";

    [Fact]
    public async Task ServerA_ReportsRequestAndJobErrorsToB_ButNotItsIngestTraffic()
    {
        await using var b = await StartAsync(dsn: "", tracing: false);
        var target = await b.CreateProjectAsync("Bugsink A");
        var flushB = await b.CreateProjectAsync("Flush");
        await using var a = await StartAsync(target.Dsn, tracing: true);
        var shop = await a.CreateProjectAsync("Shop");

        // A's ingest traffic, before any other request to A: events, a malformed envelope, a bad store body.
        var auth = IngestClient.AuthFor(shop);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await a.Http.PostAsync($"/api/{shop.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), auth)).Status);
        }

        Assert.Equal(400, (await a.Http.PostAsync($"/api/{shop.Id}/envelope/", "{\"event_id\":\"x\"}\n{\"type\":\"event\",\"length\":99}\n{}"u8.ToArray(), auth)).Status);
        Assert.Equal(400, (await a.Http.PostAsync($"/api/{shop.Id}/store/", "{not json"u8.ToArray(), auth)).Status);
        await a.WaitForDrainAsync(TimeSpan.FromSeconds(60));

        // One traced page request after it. The SDK sends in order, so once its transaction is on B,
        // any transaction of the ingest requests before it would be there too.
        using (var anonymous = new PageClient(a.BaseAddress))
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/accounts/login/")).Status);
        }

        await WaitUntilAsync(async () => await TransactionsAsync(b, target.Id, flushB) >= 1, "A's page transaction reached B", a);
        Assert.Equal(1, await TransactionsAsync(b, target.Id, flushB));
        Assert.Equal(0, EventCount(b, target.Id));

        // The administrator's buttons: a request that throws, a job that fails.
        using var admin = await LogInAsync(a);
        var system = await admin.GetAsync("/admin/system/");
        Assert.Equal("on", system.Get("[data-self-monitoring]").GetAttribute("data-self-monitoring"));
        Assert.Equal(b.BaseAddress.Authority, system.Get("#self-monitoring [data-host]").TextContent);
        Assert.Equal(target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), system.Get("#self-monitoring [data-project]").TextContent);
        Assert.DoesNotContain(target.PublicKey, system.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.InternalServerError, (await SendTestErrorAsync(admin, fromJob: false)).Status);
        await WaitUntilAsync(() => Task.FromResult(IssueCount(b, target.Id, RequestError) == 1), "the request's test error is an issue on B", a);
        var queued = await SendTestErrorAsync(admin, fromJob: true);
        Assert.Contains("fails on purpose", queued.Flash, StringComparison.Ordinal);
        await WaitUntilAsync(() => Task.FromResult(IssueCount(b, target.Id, JobError) == 1), "the job's test error is an issue on B", a);

        // Only the two test errors, reported once each, with A's version and the default environment.
        Assert.Equal(2, IssueCount(b, target.Id));
        Assert.Equal(2, EventCount(b, target.Id));
        Assert.Equal(0, b.Scalar("bugsink.db", $"SELECT count(*) FROM Events WHERE ProjectId = {target.Id} AND (Release IS NULL OR Release = '' OR Environment <> 'production')"));
    }

    [Fact]
    public async Task WithTheVariableEmpty_NothingIsSent()
    {
        await using var b = await StartAsync(dsn: "", tracing: false);
        var target = await b.CreateProjectAsync("Bugsink A");
        var flushB = await b.CreateProjectAsync("Flush");
        await using var a = await StartAsync(dsn: "", tracing: true);

        using var admin = await LogInAsync(a);
        var system = await admin.GetAsync("/admin/system/");
        Assert.Equal("off", system.Get("[data-self-monitoring]").GetAttribute("data-self-monitoring"));
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendTestErrorAsync(admin, fromJob: false)).Status);
        Assert.Contains("self-monitoring is off", (await SendTestErrorAsync(admin, fromJob: true)).Flash, StringComparison.Ordinal);

        // Nothing to wait for when nothing is sent: give an SDK, if there were one, ample time.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await TransactionsAsync(b, target.Id, flushB));
        Assert.Equal(0, EventCount(b, target.Id));
        Assert.DoesNotContain("Sentry", a.RecentOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithTheDsnPointingAtItself_ATestErrorIsOneIssue_AndNothingLoops()
    {
        await using var a = await StartAsync(dsn: "", tracing: true);
        var self = await a.CreateProjectAsync("Bugsink itself");
        var flush = await a.CreateProjectAsync("Flush");
        a.Environment["SENTRY_DSN"] = self.Dsn;
        await a.RestartAsync();

        using var admin = await LogInAsync(a);
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendTestErrorAsync(admin, fromJob: false)).Status);
        await WaitUntilAsync(() => Task.FromResult(IssueCount(a, self.Id, RequestError) == 1), "the test error is an issue on A", a);

        // Each report is an ingest request to A; were those traced or reported, every report would make another.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var transactions = await TransactionsAsync(a, self.Id, flush);
        var events = EventCount(a, self.Id);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(transactions, await TransactionsAsync(a, self.Id, flush));
        Assert.Equal(events, EventCount(a, self.Id));
        Assert.Equal(1, events);
        Assert.Equal(1, IssueCount(a, self.Id));
        Assert.True(transactions > 0, "A's page requests were traced, so tracing was on and only ingest was left out.");
    }
}
