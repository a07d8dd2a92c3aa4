using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

[Collection(SequentialServers.Name)]
public sealed class IssueDetailPageTests(IssuePagesFixture fixture) : IClassFixture<IssuePagesFixture>
{
    [Fact]
    public async Task Detail_ShowsChainedStackTraceWithContextLocalsAndSections()
    {
        var (issueId, eventId) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("CheckoutError", "total failed"));
        var page = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("CheckoutError", page.Get("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("open", page.Get(".issue-state .state").TextContent);
        var exceptions = page.FindAll("article.exception h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["CheckoutError", "Caused by: KeyError"], exceptions);
        // Python: oldest call first by default, so the handler frame comes before the view.
        var frames = page.Get("article.exception").QuerySelectorAll(".frame > summary").Select(s => s.TextContent).ToList();
        Assert.StartsWith("django/core/handlers.py:55:4", frames[0], StringComparison.Ordinal);
        Assert.Contains("shop/views.py:42:8 in checkout", frames[1], StringComparison.Ordinal);
        Assert.Equal("42     total = cart.total()", page.Get(".frame .context .current").TextContent.Trim());
        Assert.Contains("<Cart 3 items>", page.Get(".frame .vars").TextContent, StringComparison.Ordinal);
        Assert.Contains("GET /cart", page.Get("table.breadcrumbs").TextContent, StringComparison.Ordinal);
        Assert.Contains("https://shop.example.com/checkout", page.Text, StringComparison.Ordinal);
        Assert.Contains("buyer@example.com", page.Text, StringComparison.Ordinal);
        Assert.Contains("sentry.python", page.Text, StringComparison.Ordinal);
        Assert.Contains("Context: os", page.Text, StringComparison.Ordinal);
        var browser = page.FindAll("table.tag-distribution").Single(t => t.QuerySelector("caption")!.TextContent == "browser");
        Assert.Contains("100%", browser.TextContent, StringComparison.Ordinal);
        Assert.Contains(eventId, page.Get("#events").ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("svg.chart rect"));
        Assert.Contains("Scheme", page.Get("section.grouping").TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[style]"));
    }

    [Fact]
    public async Task FrameToggles_WorkWithoutJavaScript()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("ToggleError", "v"));
        var page = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        var inApp = await fixture.Ann.GetAsync(page.Get("a[href*='inapp=true']").GetAttribute("href")!);
        var frames = inApp.Get("article.exception").QuerySelectorAll(".frame > summary").Select(s => s.TextContent).ToList();
        Assert.Single(frames);
        var newest = await fixture.Ann.GetAsync(page.Get("a[href*='order=newest']").GetAttribute("href")!);
        var ordered = newest.Get("article.exception").QuerySelectorAll(".frame > summary").Select(s => s.TextContent).ToList();
        Assert.StartsWith("shop/views.py", ordered[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionForms_ResolveReopenMuteUnmute_PostRedirectGet()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("ActionError", "v"));
        var path = $"/issues/{issueId}/";
        var page = await fixture.Ann.SubmitAsync(path, "form.issue-actions", submitSelector: "button[value=resolve]");
        Assert.Equal(path, page.Path);
        Assert.Equal("resolved", page.Get(".issue-state .state").TextContent);
        Assert.Contains("resolved", page.Get("ol.history").TextContent, StringComparison.Ordinal);
        page = await fixture.Ann.SubmitAsync(page, "form.issue-actions", submitSelector: "button[value=reopen]");
        Assert.Equal("open", page.Get(".issue-state .state").TextContent);
        page = await fixture.Ann.SubmitAsync(page, "form.issue-actions", submitSelector: "button[value=mute-day]");
        Assert.StartsWith("muted until", page.Get(".issue-state .state").TextContent, StringComparison.Ordinal);
        page = await fixture.Ann.SubmitAsync(page, "form.issue-actions", submitSelector: "button[value=unmute]");
        Assert.Equal("open", page.Get(".issue-state .state").TextContent);
        page = await fixture.Ann.SubmitAsync(page, "form.resolve-release", new Dictionary<string, string> { ["release"] = "1.0.0" }, "button[value=resolve-release]");
        Assert.Equal("resolved in 1.0.0", page.Get(".issue-state .state").TextContent);
        page = await fixture.Ann.SubmitAsync(path, "form.issue-actions", submitSelector: "button[value=delete]");
        Assert.Equal($"/projects/{fixture.Alpha.Id}/issues/", page.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Ann.GetAsync(path)).Status);
    }

    [Fact]
    public async Task Comments_AddAndDelete()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("CommentError", "v"));
        var page = await fixture.Ann.SubmitAsync($"/issues/{issueId}/", "form.comment-form", new Dictionary<string, string> { ["comment"] = "Looking <b>into</b> it" });
        Assert.Equal("Looking <b>into</b> it", page.Get("ol.history .comment").TextContent);
        page = await fixture.Ann.SubmitAsync(page, "form.comment-delete", submitSelector: "button");
        Assert.Null(page.Find("ol.history .comment"));
    }

    [Fact]
    public async Task Events_NavigateLookUpAndDownload()
    {
        var (issueId, first) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("NavError", "v"));
        var (_, second) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("NavError", "v"));
        var latest = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        Assert.Contains(second, latest.Get("#event-heading").TextContent, StringComparison.Ordinal);
        var previous = await fixture.Ann.GetAsync(latest.Get("a[rel=prev]").GetAttribute("href")!);
        Assert.Equal($"/issues/{issueId}/events/{first}/", previous.Path);
        Assert.NotNull(previous.Find("a[rel=next]"));
        // A GET form (PageClient submits by POST): follow what the browser would request.
        var lookup = latest.Get("form.event-lookup");
        Assert.Equal("get", lookup.GetAttribute("method"));
        Assert.NotNull(lookup.QuerySelector("input[name=eventId]"));
        var found = await fixture.Ann.GetAsync(lookup.GetAttribute("action") + "?eventId=" + first.ToUpperInvariant());
        Assert.True(found.Status == HttpStatusCode.OK, $"{found.Status} {found.Url}");
        Assert.Equal($"/issues/{issueId}/events/{first}/", found.Path);
        Assert.Contains(first, found.Get("#event-heading").TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Ann.GetAsync($"/issues/{issueId}/events/{fixture.Teams.Alpha.EventId}/")).Status);

        using var json = await fixture.Ann.Http.GetAsync(new Uri($"/issues/{issueId}/events/{first}/?handler=Json", UriKind.Relative));
        Assert.Equal("application/octet-stream", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains(first, await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var markdown = await fixture.Ann.Http.GetAsync(new Uri($"/issues/{issueId}/?handler=Markdown", UriKind.Relative));
        Assert.StartsWith("# ALPHAAPP-", await markdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachment_DownloadsAsOctetStream()
    {
        var side = fixture.Teams.Alpha;
        var page = await fixture.Ann.GetAsync($"/issues/{side.IssueId}/events/{side.EventId}/");
        var link = page.FindAll(".downloads a").Single(a => a.TextContent.StartsWith("notes.txt", StringComparison.Ordinal)).GetAttribute("href")!;
        using var response = await fixture.Ann.Http.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("secret notes of Alpha", await response.Content.ReadAsStringAsync());
        using var stolen = await fixture.Bob.Http.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
    }

    [Fact]
    public async Task AnotherTeamsIssue_Is404ForEveryUrlAndAction()
    {
        var side = fixture.Teams.Alpha;
        foreach (var path in new[] { $"/issues/{side.IssueId}/", $"/issues/{side.IssueId}/events/{side.EventId}/", $"/issues/{side.IssueId}/?handler=Json", $"/issues/{side.IssueId}/?handler=Markdown" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await fixture.Bob.GetAsync(path)).Status);
        }

        var bobsOwn = await fixture.Bob.GetAsync($"/issues/{fixture.Teams.Beta.IssueId}/");
        var form = bobsOwn.Get("form.issue-actions");
        form.SetAttribute("action", $"/issues/{side.IssueId}/?handler=Action");
        var answer = await fixture.Bob.SubmitAsync(bobsOwn, "form.issue-actions", submitSelector: "button[value=resolve]");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(0, fixture.Server.Count("SELECT count(*) FROM Issues WHERE Id = $id AND IsResolved", ("$id", side.IssueId)));
    }
}
