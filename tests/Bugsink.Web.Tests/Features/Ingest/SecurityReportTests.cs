using System.Net;
using System.Text;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Ingest;

// Issue 25 item 6: POST /api/{id}/security/?sentry_key=KEY takes browsers' CSP reports (report-uri's
// application/csp-report and the Reporting API's application/reports+json); the key is checked as at ingest;
// each violation is an event grouped by directive and blocked origin and shown with its fields.
[Collection(SequentialServers.Name)]
public sealed class SecurityReportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Web Shop");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string ReportUrl(string? key = null) => $"/api/{_project.Id}/security/?sentry_key={key ?? _project.PublicKey}";

    private static string Legacy(string directive, string blocked, string document = "http://shop.example/cart") => $$$"""
        {"csp-report":{"document-uri":"{{{document}}}","violated-directive":"{{{directive}}}","effective-directive":"{{{directive}}}",
        "original-policy":"{{{directive}}} 'self'","disposition":"enforce","blocked-uri":"{{{blocked}}}","line-number":41,"column-number":7,
        "source-file":"http://shop.example/static/app.js","status-code":200}}
        """;

    [Fact]
    public async Task Reports_BecomeIssuesGroupedByDirectiveAndBlockedOrigin()
    {
        foreach (var blocked in new[] { "https://evil.example/a.png", "https://evil.example/b.png?x=1", "https://other.example/c.png" })
        {
            var answer = await PostAsync(ReportUrl(), Legacy("img-src", blocked), "application/csp-report");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }

        var batch = """
            [{"type":"csp-violation","url":"http://shop.example/checkout","user_agent":"Chrome/131",
              "body":{"documentURL":"http://shop.example/checkout","blockedURL":"inline","effectiveDirective":"script-src-elem","disposition":"enforce"}},
             {"type":"csp-violation","url":"http://shop.example/checkout",
              "body":{"documentURL":"http://shop.example/checkout","blockedURL":"https://evil.example/x.png","effectiveDirective":"img-src"}}]
            """;
        var reportingApi = await PostAsync(ReportUrl() + "&sentry_environment=staging", batch, "application/reports+json");
        Assert.Equal(HttpStatusCode.OK, reportingApi.StatusCode);
        await WaitForEventsAsync(5);

        Assert.Equal(3, _server.Count("SELECT count(*) FROM Issues WHERE ProjectId = $p", ("$p", _project.Id)));
        Assert.Equal(3, _server.Count("SELECT EventCount FROM Issues WHERE Title = $t", ("$t", "Blocked 'img-src' from https://evil.example")));
        Assert.Equal(1, _server.Count("SELECT EventCount FROM Issues WHERE Title = $t", ("$t", "Blocked 'img-src' from https://other.example")));
        Assert.Equal(1, _server.Count("SELECT EventCount FROM Issues WHERE Title = $t", ("$t", "Blocked 'script-src-elem' from 'inline'")));
    }

    [Fact]
    public async Task TheEventPage_ShowsTheReportsFields_Encoded()
    {
        var hostile = "http://shop.example/<script>alert(1)</script>";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(ReportUrl(), Legacy("img-src", "https://evil.example/p.png", hostile), "application/csp-report")).StatusCode);
        await WaitForEventsAsync(1);
        var issueId = _server.Count("SELECT Id FROM Issues WHERE ProjectId = $p", ("$p", _project.Id));

        await _server.CreateUserAsync("admin@shop.example", isAdmin: true);
        using var browser = await _server.LogInAsync("admin@shop.example");
        var page = await browser.GetAsync($"/issues/{issueId}/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Blocked 'img-src' from https://evil.example", page.Text, StringComparison.Ordinal);
        var section = page.FindAll("section, details, div").FirstOrDefault(e => e.TextContent.Contains("Security report", StringComparison.Ordinal)
            && e.TextContent.Contains("Blocked URI", StringComparison.Ordinal));
        Assert.NotNull(section);
        foreach (var expected in new[] { hostile, "https://evil.example/p.png", "img-src", "http://shop.example/static/app.js", "41", "7" })
        {
            Assert.Contains(expected, section.TextContent, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(page.Document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysAreCheckedAsAtIngest_AndBadBodiesAnswer400WithAMessage()
    {
        var missing = await PostAsync($"/api/{_project.Id}/security/", Legacy("img-src", "https://evil.example/"), "application/csp-report");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var wrong = await PostAsync(ReportUrl(new string('f', 32)), Legacy("img-src", "https://evil.example/"), "application/csp-report");
        Assert.True(wrong.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{wrong.StatusCode}");
        foreach (var body in new[] { "not json", "{}", "[{\"type\":\"deprecation\",\"body\":{}}]" })
        {
            var bad = await PostAsync(ReportUrl(), body, "application/csp-report");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("detail", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, _server.Count("SELECT count(*) FROM Issues"));
    }

    [SkippableFact]
    public async Task Chromium_ReportsItsOwnViolation_ThroughReportUri()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        var reportUri = new Uri(_server.BaseAddress, ReportUrl());
        await using var site = await LoopbackReceiver.StartAsync();
        site.Respond = _ => Task.FromResult<IResult>(new PageWithPolicy(
            "<!doctype html><title>shop</title><p>hello</p><img src=\"https://evil.example/tracker.png\">",
            $"img-src 'self'; report-uri {reportUri}"));

        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.At("/cart").ToString());
        await WaitForEventsAsync(1);

        var title = _server.Count("SELECT count(*) FROM Issues WHERE Title = $t", ("$t", "Blocked 'img-src' from https://evil.example"));
        Assert.Equal(1, title);
    }

    private async Task WaitForEventsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (_server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", _project.Id)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} events were digested");
            await Task.Delay(100);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await _server.Http.PostAsync(path, content);
    }

    // A page served with its own Content-Security-Policy header, which it then violates.
    private sealed class PageWithPolicy(string html, string policy) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = policy;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(html);
        }
    }
}
