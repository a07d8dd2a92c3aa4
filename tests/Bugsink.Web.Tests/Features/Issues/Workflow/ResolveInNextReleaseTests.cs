using Bugsink.Web.Features.Issues;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// "Resolve in next release": the fix version is the next release to appear after the action.
[Collection(SequentialServers.Name)]
public sealed class ResolveInNextReleaseTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    private const string Error = "Timeout talking to the warehouse";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FixMaterialisesWithTheNextRelease_ThenOnlyNewerReleasesRegress()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "1.0"));
        await scenario.ActAsync(a => a.ResolveInNextReleaseAsync(issueId, IssueScenario.Alice, None));

        // The old release still runs: no regression, the fix release is not known yet.
        await scenario.SendAsync(Error, "1.0");
        Assert.True(await scenario.IssueAsync(issueId) is { IsResolved: true, IsResolvedByNextRelease: true, FixedInRelease: null });

        // 1.1 appears (another issue's event brings it): it becomes the fix release.
        var bringer = await scenario.SendAsync("unrelated", "1.1");
        Assert.True(await scenario.IssueAsync(issueId) is { IsResolved: true, IsResolvedByNextRelease: false, FixedInRelease: "1.1" });
        var materialised = (await scenario.HistoryAsync(issueId)).Last();
        Assert.Equal((IssueHistoryKind.FixReleaseMaterialised, "1.1", "system"), (materialised.Kind, materialised.Release, materialised.ActorName));
        Assert.True(scenario.IsProtected(bringer));

        await scenario.SendAsync(Error, "1.0");
        Assert.True((await scenario.IssueAsync(issueId)).IsResolved);

        var regressing = await scenario.SendAsync(Error, "1.2");
        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
        Assert.True(scenario.IsProtected(regressing));
        Assert.Equal(
            [IssueHistoryKind.ResolvedInNextRelease, IssueHistoryKind.FixReleaseMaterialised, IssueHistoryKind.Regressed],
            await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task EventThatBringsTheNextRelease_ToTheIssueItself_Regresses()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "3.0.0"));
        await scenario.ActAsync(a => a.ResolveInNextReleaseAsync(issueId, IssueScenario.Alice, None));

        // The fix was to be in 3.1.0, and the error happens in 3.1.0: not fixed.
        await scenario.SendAsync(Error, "3.1.0");

        Assert.True(await scenario.IssueAsync(issueId) is { IsResolved: false, FixedInRelease: null });
        Assert.Equal(
            [IssueHistoryKind.ResolvedInNextRelease, IssueHistoryKind.FixReleaseMaterialised, IssueHistoryKind.Regressed],
            await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task HotfixForAnOlderLine_IsNotTheNextRelease()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "2.0.0"));
        await scenario.ActAsync(a => a.ResolveInNextReleaseAsync(issueId, IssueScenario.Alice, None));

        await scenario.SendAsync("unrelated", "1.9.5");
        Assert.True((await scenario.IssueAsync(issueId)).IsResolvedByNextRelease);

        await scenario.SendAsync("unrelated", "2.0.1");
        Assert.Equal("2.0.1", (await scenario.IssueAsync(issueId)).FixedInRelease);
    }

    [Fact]
    public async Task ProjectWithoutReleases_WaitsForItsFirstRelease()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error));
        await scenario.ActAsync(a => a.ResolveInNextReleaseAsync(issueId, IssueScenario.Alice, None));

        await scenario.SendAsync(Error);
        Assert.True((await scenario.IssueAsync(issueId)).IsResolvedByNextRelease);

        await scenario.SendAsync("unrelated", "a3f9c1e");
        Assert.Equal("a3f9c1e", (await scenario.IssueAsync(issueId)).FixedInRelease);
    }
}
