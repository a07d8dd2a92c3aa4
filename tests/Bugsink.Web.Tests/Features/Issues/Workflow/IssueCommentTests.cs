using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

[Collection(SequentialServers.Name)]
public sealed class IssueCommentTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Comments_AreAddedEditedAndDeletedByTheirAuthor()
    {
        var (scenario, issueId) = await NewIssueAsync();
        IssueHistoryEntry added = null!;
        await scenario.ActAsync(async a => added = await a.AddCommentAsync(issueId, "  Looking into it  ", IssueScenario.Alice, None));
        Assert.Equal((IssueHistoryKind.Comment, "Looking into it", 1L), (added.Kind, added.Comment, added.UserId!.Value));

        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        var edited = false;
        await scenario.ActAsync(async a => edited = await a.EditCommentAsync(added.Id, "Fixed by #42", IssueScenario.Alice, None));
        Assert.True(edited);
        var entry = Assert.Single(await scenario.HistoryAsync(issueId));
        Assert.Equal("Fixed by #42", entry.Comment);
        Assert.Equal(fixture.Clock.GetUtcNow(), entry.EditedAt);
        Assert.Equal(added.At, entry.At);

        var deleted = false;
        await scenario.ActAsync(async a => deleted = await a.DeleteCommentAsync(added.Id, IssueScenario.Alice, None));
        Assert.True(deleted);
        Assert.Empty(await scenario.HistoryAsync(issueId));
    }

    [Fact]
    public async Task OthersComments_CannotBeEditedOrDeleted()
    {
        var (scenario, issueId) = await NewIssueAsync();
        IssueHistoryEntry added = null!;
        await scenario.ActAsync(async a => added = await a.AddCommentAsync(issueId, "Mine", IssueScenario.Alice, None));

        bool edited = true, deletedByBob = true, deletedBySystem = true;
        await scenario.ActAsync(async a =>
        {
            edited = await a.EditCommentAsync(added.Id, "Not yours", IssueScenario.Bob, None);
            deletedByBob = await a.DeleteCommentAsync(added.Id, IssueScenario.Bob, None);
            deletedBySystem = await a.DeleteCommentAsync(added.Id, Actor.System, None);
        });

        Assert.False(edited || deletedByBob || deletedBySystem);
        Assert.Equal("Mine", Assert.Single(await scenario.HistoryAsync(issueId)).Comment);
    }

    [Fact]
    public async Task StateChangeEntries_AreNotComments()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));
        var resolved = Assert.Single(await scenario.HistoryAsync(issueId));

        var deleted = true;
        await scenario.ActAsync(async a => deleted = await a.DeleteCommentAsync(resolved.Id, IssueScenario.Alice, None));
        Assert.False(deleted);
        Assert.Single(await scenario.HistoryAsync(issueId));
    }

    [Fact]
    public async Task BlankComments_AreRefused()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => scenario.ActAsync(a => a.AddCommentAsync(issueId, "   ", IssueScenario.Alice, None)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => scenario.ActAsync(a => a.AddCommentAsync(issueId, new string('x', IssueActions.MaxCommentLength + 1), IssueScenario.Alice, None)));
        Assert.Empty(await scenario.HistoryAsync(issueId));
    }

    private async Task<(IssueScenario Scenario, long IssueId)> NewIssueAsync()
    {
        var scenario = await fixture.NewProjectAsync();
        var eventId = await scenario.SendAsync("Cart was empty at checkout");
        return (scenario, scenario.IssueOf(eventId));
    }
}
