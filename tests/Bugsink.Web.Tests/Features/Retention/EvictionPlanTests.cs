using Bugsink.Web.Features.Retention;

namespace Bugsink.Web.Tests.Features.Retention;

public sealed class EvictionPlanTests
{
    private static readonly DateTimeOffset Seen = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(new long[] { 10, 10, 10 }, 30, new long[] { 10, 10, 10 })]
    [InlineData(new long[] { 100, 1, 1 }, 12, new long[] { 10, 1, 1 })]
    [InlineData(new long[] { 100, 50, 3 }, 43, new long[] { 20, 20, 3 })]
    [InlineData(new long[] { 100, 50, 3 }, 44, new long[] { 21, 20, 3 })]
    [InlineData(new long[] { 1, 1, 1, 1 }, 2, new long[] { 1, 1, 0, 0 })]
    [InlineData(new long[] { 5, 5 }, 0, new long[] { 0, 0 })]
    public void WaterFill_CutsTheLargestFirst_AndGivesLeftoversToTheEarliestListed(long[] counts, long budget, long[] expected) =>
        Assert.Equal(expected, EvictionPlan.WaterFill(counts, budget));

    [Fact]
    public void BusyIssue_GivesUpOldEvents_RareIssuesKeepTheirOnlyOnes()
    {
        IssueStock[] issues = [new(1, 800, 1, Seen), new(2, 150, 1, Seen), new(3, 1, 1, Seen), new(4, 4, 1, Seen)];

        var plan = EvictionPlan.ForProject(issues, 95);

        // 4 protected, 91 unprotected slots: issue 4 keeps its 3, issues 1 and 2 share the other 88.
        Assert.Equal([new IssueEviction(1, 799 - 44, 0), new IssueEviction(2, 149 - 44, 0)], plan);
    }

    [Fact]
    public void ProtectedEvents_GoOnlyWhenNothingUnprotectedIsLeft()
    {
        IssueStock[] issues = [new(1, 4, 1, Seen), new(2, 1, 1, Seen), new(3, 1, 1, Seen), new(4, 1, 1, Seen)];

        var plan = EvictionPlan.ForProject(issues, 2);

        // Every unprotected event goes, then protected ones from the issues listed last (least recently seen).
        Assert.Equal([new IssueEviction(1, 3, 0), new IssueEviction(3, 0, 1), new IssueEviction(4, 0, 1)], plan);
    }

    [Fact]
    public void UnderTheCap_NothingGoes() =>
        Assert.Empty(EvictionPlan.ForProject([new IssueStock(1, 100, 1, Seen)], 100));

    [Fact]
    public void ProjectOverItsCap_EvictsToTheHeadroomBelowIt()
    {
        ProjectStock[] projects = [new(1, 150, 100, null), new(2, 80, 100, null)];

        Assert.Equal([95, 80], EvictionPlan.ProjectTargets(projects, 1_000_000, 5));
    }

    [Fact]
    public void InstallationOverItsTotal_TakesFromTheProjectsAboveAnEvenShare()
    {
        ProjectStock[] projects = [new(1, 200, 10_000, null), new(2, 40, 10_000, null)];

        var targets = EvictionPlan.ProjectTargets(projects, 150, 5);

        Assert.Equal([103, 40], targets);
    }
}
