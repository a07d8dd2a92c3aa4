using System.Diagnostics;
using System.Net;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Issues.Merge;

// Issue 25 item 2, "Show it": three issues of 10,000 events each, all sent through the real ingest and
// digest, merged through the API while events of all three keys keep arriving; then "Stop merging"
// on the survivor's page for one key.
[Collection(SequentialServers.Name)]
public sealed class MergeUnderLoadTests(MergeServer fixture, ITestOutputHelper output) : IClassFixture<MergeServer>
{
    private const int EventsPerIssue = 10_000;
    private static readonly string[] Errors = ["Cart total negative", "Coupon applied twice", "Stock count below zero"];

    [Fact]
    public async Task ThreeIssuesOfTenThousandEvents_MergedWhileEventsArrive_CountsRightNothingLost_ThenStopMergingOneKey()
    {
        var project = await fixture.NewProjectAsync();
        var clock = Stopwatch.StartNew();
        var seeded = new List<string>();
        foreach (var error in Errors)
        {
            seeded.AddRange(await fixture.SendAsync(project, error, EventsPerIssue, parallel: 8));
        }

        await fixture.WaitForProjectEventsAsync(project, seeded.Count);
        output.WriteLine($"seeded {seeded.Count} events through ingest and digest in {clock.Elapsed.TotalSeconds:F1} s");
        var issues = Errors.Select(e => fixture.IssueOf(seeded[Array.IndexOf(Errors, e) * EventsPerIssue])).ToArray();
        Assert.Equal(3, issues.Distinct().Count());
        var (survivor, merged) = (issues[0], issues[1..]);

        // Events of all three keys keep coming while the merge and the move run.
        using var stop = new CancellationTokenSource();
        var during = Task.Run(async () =>
        {
            var sent = new List<string>();
            for (var round = 0; !stop.IsCancellationRequested || round < 5; round++)
            {
                foreach (var error in Errors)
                {
                    sent.AddRange(await fixture.SendAsync(project, error, 10, parallel: 2));
                }
            }

            return sent;
        });
        await Task.Delay(300);

        var api = await fixture.ApiAsync(MergeServer.Admin);
        var answer = await api.PostAsync($"issues/{survivor}/merge/", $$"""{"issues": [{{merged[0]}}, {{merged[1]}}]}""");
        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        Assert.Equal(merged, answer.Json.GetProperty("merged").EnumerateArray().Select(e => e.GetInt64()).ToArray());

        // At once: the merged ids are gone from the API and the list, the survivor counts the sum.
        foreach (var id in merged)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"issues/{id}/")).Status);
        }

        Assert.True((await api.GetAsync($"issues/{survivor}/")).Json.GetProperty("event_count").GetInt64() >= 3 * EventsPerIssue);
        var listed = (await api.GetAsync($"issues/?project={project.Id}")).Results.Select(r => r.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal([survivor], listed);

        await Task.Delay(1000);
        stop.Cancel();
        var arrived = await during;
        await fixture.WaitForProjectEventsAsync(project, seeded.Count + arrived.Count);
        await MergeServer.WaitUntilAsync(() => merged.All(id =>
            fixture.Count("SELECT (SELECT count(*) FROM Events WHERE IssueId = $i) + (SELECT count(*) FROM IssueTags WHERE IssueId = $i) + (SELECT count(*) FROM IssueHourlyCounts WHERE IssueId = $i)", id) == 0),
            "the merged issues' rows moved");
        output.WriteLine($"{arrived.Count} events arrived during the merge; all moved after {clock.Elapsed.TotalSeconds:F1} s");

        // Nothing lost, nothing doubled: every event is in the survivor, and every counter agrees.
        var total = 3 * EventsPerIssue + arrived.Count;
        var all = seeded.Concat(arrived).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Equal(total, fixture.CountIn(survivor, all));
        Assert.Equal(total, fixture.Count("SELECT count(*) FROM Events WHERE IssueId = $i", survivor));
        Assert.Equal(total, fixture.Server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", project.Id)));
        var issue = (await api.GetAsync($"issues/{survivor}/")).Json;
        Assert.Equal(total, issue.GetProperty("event_count").GetInt64());
        Assert.Equal(total, fixture.Count("SELECT StoredEventCount FROM Issues WHERE Id = $i", survivor));
        Assert.Equal(total, fixture.Count("SELECT sum(Count) FROM IssueHourlyCounts WHERE IssueId = $i", survivor));
        Assert.Equal(total, fixture.Count("SELECT sum(Count) FROM IssueTags WHERE IssueId = $i AND Key = 'release'", survivor));
        Assert.Equal(3, fixture.Count("SELECT count(*) FROM Groupings WHERE IssueId = $i", survivor));

        // Later events of each key land in the survivor.
        foreach (var error in Errors)
        {
            Assert.Equal(survivor, await fixture.SendOneAsync(project, error));
        }

        // Stop merging the second key, on the survivor's page: its next event opens a new issue.
        using var admin = await fixture.Server.LogInAsync(MergeServer.Admin);
        var page = await admin.GetAsync($"/issues/{survivor}/");
        var row = page.FindAll("section.merged-keys li").Single(li => li.TextContent.Contains(Errors[1], StringComparison.Ordinal));
        var action = row.QuerySelector("form.stop-merging")!.GetAttribute("action")!;
        page = await admin.SubmitAsync(page, $"form.stop-merging[action='{action}']");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(Errors[1], page.Find("section.merged-keys")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains(Errors[2], page.Get("section.merged-keys").TextContent, StringComparison.Ordinal);
        Assert.Contains("stopped merging the key of", page.Get("ol.history").TextContent, StringComparison.Ordinal);

        var reopened = await fixture.SendOneAsync(project, Errors[1]);
        Assert.DoesNotContain(reopened, issues);
        Assert.Equal(survivor, await fixture.SendOneAsync(project, Errors[2]));
        Assert.Equal(1, fixture.Count("SELECT EventCount FROM Issues WHERE Id = $i", reopened));
    }
}
