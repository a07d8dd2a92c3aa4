using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// The rule alone; RegressionTests check it through the digest.
public sealed class RegressionRuleTests
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Release V10 = ReleaseOrder.Place(1, "1.0.0", Seen, null);
    private static readonly Release V11 = ReleaseOrder.Place(1, "1.1.0", Seen, V10);
    private static readonly Release V12 = ReleaseOrder.Place(1, "1.2.0", Seen, V11);

    [Fact]
    public void OpenIssue_NeverRegresses() => Assert.False(RegressionRule.IsRegression(State(resolved: false), V12, null));

    [Fact]
    public void ResolvedUnconditionally_AnyEventRegresses()
    {
        Assert.True(RegressionRule.IsRegression(State(), V10, null));
        Assert.True(RegressionRule.IsRegression(State(), null, null));
    }

    [Fact]
    public void WaitingForNextRelease_NothingRegresses()
    {
        var issue = State();
        issue.IsResolvedByNextRelease = true;
        Assert.False(RegressionRule.IsRegression(issue, V12, null));
    }

    [Theory]
    [InlineData("1.0.0", false)]
    [InlineData("1.1.0", true)]
    [InlineData("1.2.0", true)]
    public void FixedInRelease_EventsAtOrAfterItRegress(string eventVersion, bool regresses)
    {
        var eventRelease = new[] { V10, V11, V12 }.Single(r => r.Version == eventVersion);
        Assert.Equal(regresses, RegressionRule.IsRegression(State(fixedIn: "1.1.0"), eventRelease, V11));
    }

    [Fact]
    public void FixReleaseUnknownToTheProject_Regresses() => Assert.True(RegressionRule.IsRegression(State(fixedIn: "9.9.9"), V10, null));

    [Fact]
    public void EventWithoutRelease_OnIssueFixedInARelease_Regresses() => Assert.True(RegressionRule.IsRegression(State(fixedIn: "1.1.0"), null, V11));

    private static IssueWorkflowState State(bool resolved = true, string? fixedIn = null) =>
        new() { IssueId = 1, ProjectId = 1, IsResolved = resolved, FixedInRelease = fixedIn };
}
