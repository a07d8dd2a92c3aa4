using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// The all-projects list reads one page per project and merges them (IssueListQuery.AcrossProjectsAsync):
// the merged order and the cursor must be exactly those of a single sorted query.
[Collection(SequentialServers.Name)]
public sealed class AllProjectsListTests(IssuePagesFixture fixture) : IClassFixture<IssuePagesFixture>
{
    [Fact]
    public async Task IssuesOfTwoProjects_AreMergedInOrderAndPagedWithoutGapsOrRepeats()
    {
        // Alternating projects, so every page interleaves them; 60 issues make two pages of 50.
        for (var i = 0; i < 60; i++)
        {
            var project = i % 2 == 0 ? fixture.Alpha : fixture.Teams.Beta.Project;
            await fixture.SendAsync(project, JsonNode.Parse($$$"""{"level":"error","exception":{"values":[{"type":"MergedError{{{i}}}","value":"x"}]}}""")!.AsObject());
        }

        using var root = await fixture.Server.LogInAsync("root@example.com");
        foreach (var sort in new[] { "firstseen", "lastseen" })
        {
            var page = await root.GetAsync($"/issues/?tab=all&q=MergedError&sort={sort}");
            var seen = page.FindAll("a.issue-title").Select(a => a.TextContent).ToList();
            Assert.Equal(50, seen.Count);
            Assert.Contains(page.FindAll("table.issue-list tbody tr"), r => r.TextContent.Contains("Alpha App", StringComparison.Ordinal));
            Assert.Contains(page.FindAll("table.issue-list tbody tr"), r => r.TextContent.Contains("Beta App", StringComparison.Ordinal));
            page = await root.GetAsync(page.Get("a[rel=next]").GetAttribute("href")!);
            seen.AddRange(page.FindAll("a.issue-title").Select(a => a.TextContent));
            Assert.Null(page.Find("a[rel=next]"));
            // Newest first, each issue once, across both projects.
            Assert.Equal(Enumerable.Range(0, 60).Reverse().Select(i => $"MergedError{i}: x"), seen);
        }

        // Ann sees Alpha only: the same search gives her the even half.
        var anns = await fixture.Ann.GetAsync("/issues/?tab=all&q=MergedError");
        Assert.Equal(30, anns.FindAll("a.issue-title").Count());
        Assert.All(anns.FindAll("a.issue-title"), a => Assert.Equal(0, int.Parse(a.TextContent["MergedError".Length..^3], System.Globalization.CultureInfo.InvariantCulture) % 2));
    }
}
