using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// DESIGN.md "Semantics": regressions decided by release order, through the real ingest and digest.
[Collection(SequentialServers.Name)]
public sealed class RegressionTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    private const string Error = "Inventory count went below zero";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ResolvedUnconditionally_NextEventRegresses_AndIsKept()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "1.0.0"));
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));
        var nudgesBefore = fixture.Alerts.Count;

        var regressing = await scenario.SendAsync(Error, "1.0.0");

        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
        Assert.True(scenario.IsProtected(regressing));
        var regressed = (await scenario.HistoryAsync(issueId)).Last();
        Assert.Equal((IssueHistoryKind.Regressed, null, "system", "1.0.0"), (regressed.Kind, regressed.UserId, regressed.ActorName, regressed.Release));
        Assert.Contains(regressing, regressed.Detail, StringComparison.Ordinal);
        var alert = (await scenario.AlertsAsync(issueId)).Last();
        Assert.Equal((AlertKind.Regression, "1.0.0", regressing, AlertStatus.Pending), (alert.Kind, alert.Reason, alert.EventId, alert.Status));
        Assert.True(fixture.Alerts.Count > nudgesBefore);
    }

    [Fact]
    public async Task ProjectWithoutReleases_AnyEventAfterResolveRegresses()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error));
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));
        await scenario.SendAsync(Error);
        Assert.Equal([IssueHistoryKind.Resolved, IssueHistoryKind.Regressed], await scenario.HistoryKindsAsync(issueId));
        Assert.Empty(await scenario.ReleasesAsync());
    }

    [Fact]
    public async Task ResolvedInRelease_OlderReleasesDoNotRegress_ThatOneAndNewerDo()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "1.9.0"));
        await scenario.SendAsync("unrelated", "1.10.0");
        await scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "1.10.0", IssueScenario.Alice, None));

        // 1.9.0 sorts before 1.10.0 (semver, not text).
        var old = await scenario.SendAsync(Error, "1.9.0");
        Assert.True((await scenario.IssueAsync(issueId)).IsResolved);
        Assert.False(scenario.IsProtected(old));

        var atFix = await scenario.SendAsync(Error, "1.10.0");
        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
        Assert.True(scenario.IsProtected(atFix));
        Assert.Equal([IssueHistoryKind.ResolvedInRelease, IssueHistoryKind.Regressed], await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task ResolvedInRelease_PreReleasesOfTheFixDoNotRegress()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "app@2.0.0-beta.1"));
        await scenario.SendAsync("unrelated", "app@2.0.0");
        await scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "app@2.0.0", IssueScenario.Alice, None));

        await scenario.SendAsync(Error, "app@2.0.0-rc.1");
        Assert.True((await scenario.IssueAsync(issueId)).IsResolved);

        await scenario.SendAsync(Error, "app@2.0.1");
        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
    }

    [Fact]
    public async Task NonSemverReleases_OrderByFirstAppearance()
    {
        var scenario = await fixture.NewProjectAsync();
        // Hash-like names sort alphabetically the other way round: only arrival order counts.
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "f00d"));
        await scenario.SendAsync("unrelated", "c0de");
        await scenario.SendAsync("unrelated", "a11e");
        await scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "c0de", IssueScenario.Alice, None));

        await scenario.SendAsync(Error, "f00d");
        Assert.True((await scenario.IssueAsync(issueId)).IsResolved);

        await scenario.SendAsync(Error, "a11e");
        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
        Assert.Equal(["f00d", "c0de", "a11e"], (await scenario.ReleasesAsync()).Select(r => r.Version));
    }

    [Fact]
    public async Task EventWithoutRelease_OnIssueFixedInARelease_Regresses()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error, "1.0.0"));
        await scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "1.0.0", IssueScenario.Alice, None));
        await scenario.SendAsync(Error);
        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
    }

    [Fact]
    public async Task ManyEventsAfterResolve_RegressOnce()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error));
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));

        var events = await scenario.SendManyAsync(20, Error);

        Assert.Equal([IssueHistoryKind.Resolved, IssueHistoryKind.Regressed], await scenario.HistoryKindsAsync(issueId));
        Assert.Equal(AlertKind.Regression, (await scenario.AlertsAsync(issueId)).Last().Kind);
        Assert.Single(events, scenario.IsProtected);
        Assert.True(scenario.IsProtected(events[0]));
    }
}
