using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

[Collection(SequentialServers.Name)]
public sealed class IssueDeleteTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    [Fact]
    public async Task DeletedIssue_DisappearsAtOnce_AndLaterEventsStartANewIssue()
    {
        var scenario = await fixture.NewProjectAsync();
        var first = await scenario.SendManyAsync(3, "Payment gateway timed out", "1.0.0");
        var issueId = scenario.IssueOf(first[0]);

        await scenario.ActAsync(a => a.DeleteAsync(issueId, IssueScenario.Alice, CancellationToken.None));
        Assert.Equal(0, scenario.Server.Count("SELECT count(*) FROM Groupings WHERE IssueId = $i", ("$i", issueId)));

        // Same grouping key: the cache knew the old issue, the digest must not use it.
        var later = await scenario.SendAsync("Payment gateway timed out", "1.0.0");
        var newIssueId = scenario.IssueOf(later);
        Assert.NotEqual(issueId, newIssueId);
        var newIssue = await scenario.IssueAsync(newIssueId);
        Assert.Equal(1, newIssue.EventCount);
        Assert.True(scenario.IsProtected(later));

        await WaitUntilAsync(() => scenario.Server.Count("SELECT count(*) FROM Issues WHERE Id = $i", ("$i", issueId)) == 0);
        foreach (var table in new[] { "Events", "IssueTags", "IssueHourlyCounts", "IssueHistory", "AlertRequests" })
        {
            Assert.Equal(0, scenario.Server.Count($"SELECT count(*) FROM {table} WHERE IssueId = $i", ("$i", issueId)));
        }

        Assert.Equal(1, scenario.Server.Count("SELECT count(*) FROM Events WHERE IssueId = $i", ("$i", newIssueId)));
    }

    [Fact]
    public async Task DeletedIssue_RefusesFurtherActions()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync("Stale session"));
        IssueHistoryEntry comment = null!;
        await scenario.ActAsync(async a => comment = await a.AddCommentAsync(issueId, "note", IssueScenario.Alice, CancellationToken.None));
        await scenario.ActAsync(a => a.DeleteAsync(issueId, IssueScenario.Alice, CancellationToken.None));

        await Assert.ThrowsAsync<IssueNotFoundException>(() => scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, CancellationToken.None)));
        await Assert.ThrowsAsync<IssueNotFoundException>(() => scenario.ActAsync(a => a.DeleteAsync(issueId, IssueScenario.Alice, CancellationToken.None)));
        var edited = true;
        await scenario.ActAsync(async a => edited = await a.EditCommentAsync(comment.Id, "changed", IssueScenario.Alice, CancellationToken.None));
        Assert.False(edited);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background delete did not finish in time.");
            await Task.Delay(100);
        }
    }
}
