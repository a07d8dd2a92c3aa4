using System.Net;
using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

[Collection(SequentialServers.Name)]
public sealed class IssueListPageTests(IssuePagesFixture fixture) : IClassFixture<IssuePagesFixture>
{
    private string ListPath => $"/projects/{fixture.Alpha.Id}/issues/";

    [Fact]
    public async Task ProjectList_ShowsIssueRowsWithSparklineAndExactTimes()
    {
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("ListRowError", "row value"));
        var page = await fixture.Ann.GetAsync(ListPath);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.FindAll("table.issue-list tbody tr").Single(r => r.TextContent.Contains("ListRowError", StringComparison.Ordinal));
        Assert.Contains("just now", row.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", row.QuerySelector("time")!.GetAttribute("title"));
        Assert.NotEmpty(row.QuerySelectorAll("svg.sparkline rect"));
        Assert.Null(page.Document.QuerySelector("[style]"));
        Assert.NotNull(row.QuerySelector("input[type=checkbox][name=ids]"));
    }

    [Fact]
    public async Task AllIssues_ShowsOnlyVisibleProjects()
    {
        var page = await fixture.Ann.GetAsync("/issues/?tab=all&q=exploded");
        Assert.Contains("alpha exploded", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("beta exploded", page.Text, StringComparison.Ordinal);
        var bob = await fixture.Bob.GetAsync("/issues/?tab=all&q=exploded");
        Assert.Contains("beta exploded", bob.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha exploded", bob.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectListOfAnotherTeam_Is404()
    {
        var page = await fixture.Bob.GetAsync(ListPath);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task Search_FiltersByTagsFreeTextAndLevel()
    {
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("SearchChrome", "v", browser: "Chrome 99"));
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("SearchSafari", "v", release: "2.0.0", browser: "Safari 17"));
        async Task<string> Titles(string q) => string.Join("|", (await fixture.Ann.GetAsync(ListPath + "?tab=all&q=" + Uri.EscapeDataString(q)))
            .FindAll("a.issue-title").Select(a => a.TextContent));

        Assert.Contains("SearchChrome", await Titles("browser:\"Chrome 99\""), StringComparison.Ordinal);
        Assert.DoesNotContain("SearchSafari", await Titles("browser:\"Chrome 99\""), StringComparison.Ordinal);
        Assert.Equal("SearchSafari: v", await Titles("release:2.0.0 SearchSafari"));
        Assert.Equal("SearchSafari: v", await Titles("searchsafari level:error"));
        Assert.Equal("", await Titles("SearchSafari level:warning"));
        Assert.Equal("", await Titles("SearchSafari is:resolved"));
        var form = (await fixture.Ann.GetAsync(ListPath)).Get("form[role=search]");
        Assert.Equal("get", form.GetAttribute("method"));
    }

    [Fact]
    public async Task Pagination_UsesACursorAndShowsEveryIssueOnce()
    {
        for (var i = 0; i < 53; i++)
        {
            await fixture.SendAsync(fixture.Alpha, JsonNode.Parse($$$"""{"level":"warning","exception":{"values":[{"type":"PagedError{{{i}}}","value":"x"}]}}""")!.AsObject());
        }

        var seen = new List<string>();
        var page = await fixture.Ann.GetAsync(ListPath + "?tab=all&q=PagedError&sort=firstseen");
        seen.AddRange(page.FindAll("a.issue-title").Select(a => a.TextContent));
        Assert.Equal(50, seen.Count);
        var next = page.Get("a[rel=next]").GetAttribute("href")!;
        Assert.Contains("after=", next, StringComparison.Ordinal);
        page = await fixture.Ann.GetAsync(next);
        seen.AddRange(page.FindAll("a.issue-title").Select(a => a.TextContent));
        Assert.Equal(53, seen.Distinct().Count());
        Assert.Null(page.Find("a[rel=next]"));
        Assert.Equal("PagedError52: x", seen[0]);
        var byCount = await fixture.Ann.GetAsync(ListPath + "?tab=all&sort=eventcount");
        Assert.Equal(HttpStatusCode.OK, byCount.Status);
    }

    [Fact]
    public async Task BulkResolveAndMute_ChangeStateAndMoveIssuesBetweenTabs()
    {
        var (first, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BulkOne", "v"));
        var (second, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BulkTwo", "v"));
        var list = ListPath + "?q=Bulk";
        var page = await fixture.Ann.GetAsync(list);
        var done = await fixture.Ann.SubmitAsync(page, "form.bulk-actions", new Dictionary<string, string> { ["ids"] = "true" }, "button[value=resolve]");
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal(list, done.Url.PathAndQuery);
        Assert.StartsWith("Resolved: 1 issue", done.Flash, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Server.Count("SELECT count(*) FROM Issues WHERE Id IN ($a, $b) AND IsResolved", ("$a", first), ("$b", second)));

        page = await fixture.Ann.GetAsync(list);
        Assert.Single(page.FindAll("a.issue-title"));
        done = await fixture.Ann.SubmitAsync(page, "form.bulk-actions", new Dictionary<string, string> { ["ids"] = "true" }, "button[value=mute-week]");
        Assert.StartsWith("Muted for a week", done.Flash, StringComparison.Ordinal);
        Assert.Empty(done.FindAll("a.issue-title"));
        var muted = await fixture.Ann.GetAsync(ListPath + "?tab=muted&q=Bulk");
        Assert.Single(muted.FindAll("a.issue-title"));
        Assert.Contains("muted until", muted.Text, StringComparison.Ordinal);
        var resolved = await fixture.Ann.GetAsync(ListPath + "?tab=resolved&q=Bulk");
        Assert.Single(resolved.FindAll("a.issue-title"));
    }

    [Fact]
    public async Task BulkAction_OnAnotherTeamsIssue_ChangesNothing()
    {
        var beta = fixture.Teams.Beta.IssueId;
        var response = await fixture.Ann.PostRawAsync("/issues/", new Dictionary<string, string> { ["ids"] = beta.ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "resolve" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await fixture.Ann.GetAsync("/issues/");
        var hidden = page.Get("form.bulk-actions input[name=ids]");
        hidden.SetAttribute("value", beta.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var done = await fixture.Ann.SubmitAsync(page, "form.bulk-actions", new Dictionary<string, string> { ["ids"] = "true" }, "button[value=resolve]");
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal(0, fixture.Server.Count("SELECT count(*) FROM Issues WHERE Id = $id AND IsResolved", ("$id", beta)));
    }
}
