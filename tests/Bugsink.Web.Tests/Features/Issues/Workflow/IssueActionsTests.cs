using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// Every state transition a person can make, each recorded once in the history with who and when.
[Collection(SequentialServers.Name)]
public sealed class IssueActionsTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Resolve_MarksResolvedAndRecordsWhoAndWhen()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));

        var issue = await scenario.IssueAsync(issueId);
        Assert.True(issue.IsResolved);
        Assert.False(issue.IsResolvedByNextRelease);
        Assert.Null(issue.FixedInRelease);
        Assert.Equal(fixture.Clock.GetUtcNow(), issue.ResolvedAt);
        var entry = Assert.Single(await scenario.HistoryAsync(issueId));
        Assert.Equal((IssueHistoryKind.Resolved, 1L, "alice@example.com"), (entry.Kind, entry.UserId!.Value, entry.ActorName));
        Assert.Equal(fixture.Clock.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task ResolvingTwice_RecordsOneEntry()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Bob, None));
        Assert.Equal([IssueHistoryKind.Resolved], await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task ResolveInNextRelease_WaitsForARelease()
    {
        var (scenario, issueId) = await NewIssueAsync("1.0.0");
        await scenario.ActAsync(a => a.ResolveInNextReleaseAsync(issueId, IssueScenario.Alice, None));

        var issue = await scenario.IssueAsync(issueId);
        Assert.True(issue is { IsResolved: true, IsResolvedByNextRelease: true, FixedInRelease: null });
        Assert.Equal([IssueHistoryKind.ResolvedInNextRelease], await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task ResolveInRelease_SetsTheFixRelease()
    {
        var (scenario, issueId) = await NewIssueAsync("1.0.0");
        await scenario.SendAsync("other error", "1.1.0");
        await scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "1.1.0", IssueScenario.Alice, None));

        var issue = await scenario.IssueAsync(issueId);
        Assert.True(issue is { IsResolved: true, IsResolvedByNextRelease: false, FixedInRelease: "1.1.0" });
        var entry = Assert.Single(await scenario.HistoryAsync(issueId));
        Assert.Equal((IssueHistoryKind.ResolvedInRelease, "1.1.0"), (entry.Kind, entry.Release));
    }

    [Fact]
    public async Task ResolveInUnknownRelease_IsRefusedAndChangesNothing()
    {
        var (scenario, issueId) = await NewIssueAsync("1.0.0");
        await Assert.ThrowsAsync<ArgumentException>(() => scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "7.0.0", IssueScenario.Alice, None)));
        Assert.False((await scenario.IssueAsync(issueId)).IsResolved);
        Assert.Empty(await scenario.HistoryAsync(issueId));
    }

    [Fact]
    public async Task Reopen_ClearsEveryKindOfResolution()
    {
        var (scenario, issueId) = await NewIssueAsync("1.0.0");
        await scenario.ActAsync(a => a.ResolveInReleaseAsync(issueId, "1.0.0", IssueScenario.Alice, None));
        await scenario.ActAsync(a => a.ReopenAsync(issueId, IssueScenario.Bob, None));
        await scenario.ActAsync(a => a.ReopenAsync(issueId, IssueScenario.Bob, None));

        var issue = await scenario.IssueAsync(issueId);
        Assert.True(issue is { IsResolved: false, IsResolvedByNextRelease: false, FixedInRelease: null, ResolvedAt: null });
        var history = await scenario.HistoryAsync(issueId);
        Assert.Equal([IssueHistoryKind.ResolvedInRelease, IssueHistoryKind.Reopened], history.Select(h => h.Kind));
        Assert.Equal("bob@example.com", history[1].ActorName);
    }

    [Fact]
    public async Task MuteForever_ThenUnmute()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await scenario.ActAsync(a => a.MuteAsync(issueId, MuteSpec.Forever, IssueScenario.Alice, None));
        var muted = await scenario.IssueAsync(issueId);
        Assert.True(muted is { IsMuted: true, MutedUntil: null, UnmuteOnVolumeCount: null });

        await scenario.ActAsync(a => a.UnmuteAsync(issueId, IssueScenario.Alice, None));
        Assert.False((await scenario.IssueAsync(issueId)).IsMuted);
        var history = await scenario.HistoryAsync(issueId);
        Assert.Equal([IssueHistoryKind.Muted, IssueHistoryKind.Unmuted], history.Select(h => h.Kind));
        Assert.Equal("forever", history[0].Detail);
    }

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    [InlineData("month")]
    [InlineData("custom")]
    public async Task MuteForADuration_StoresTheEnd(string duration)
    {
        var (scenario, issueId) = await NewIssueAsync();
        var now = fixture.Clock.GetUtcNow();
        var spec = duration switch
        {
            "day" => MuteSpec.For(TimeSpan.FromDays(1), now),
            "week" => MuteSpec.For(TimeSpan.FromDays(7), now),
            "month" => MuteSpec.ForMonths(1, now),
            _ => new MuteSpec(now.AddHours(5), null, null),
        };
        await scenario.ActAsync(a => a.MuteAsync(issueId, spec, IssueScenario.Alice, None));

        var issue = await scenario.IssueAsync(issueId);
        Assert.True(issue.IsMuted);
        Assert.Equal(spec.Until, issue.MutedUntil);
        var entry = Assert.Single(await scenario.HistoryAsync(issueId));
        Assert.StartsWith("until 20", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MuteUntilVolume_StoresTheCondition()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await scenario.ActAsync(a => a.MuteAsync(issueId, MuteSpec.UntilVolume(100, TimeSpan.FromHours(24)), IssueScenario.Alice, None));

        var issue = await scenario.IssueAsync(issueId);
        Assert.True(issue is { IsMuted: true, MutedUntil: null, UnmuteOnVolumeCount: 100, UnmuteOnVolumeWindowSeconds: 86400 });
        Assert.Equal("until more than 100 events in 24 hours", Assert.Single(await scenario.HistoryAsync(issueId)).Detail);
    }

    [Fact]
    public async Task ResolvingAMutedIssue_EndsTheMute_AndMutingAResolvedIssue_ReopensIt()
    {
        var (scenario, issueId) = await NewIssueAsync();
        await scenario.ActAsync(a => a.MuteAsync(issueId, MuteSpec.UntilVolume(5, TimeSpan.FromHours(1)), IssueScenario.Alice, None));
        await scenario.ActAsync(a => a.ResolveAsync(issueId, IssueScenario.Alice, None));
        Assert.True(await scenario.IssueAsync(issueId) is { IsResolved: true, IsMuted: false, UnmuteOnVolumeCount: null });

        await scenario.ActAsync(a => a.MuteAsync(issueId, MuteSpec.Forever, IssueScenario.Alice, None));
        Assert.True(await scenario.IssueAsync(issueId) is { IsResolved: false, IsMuted: true });
        Assert.Equal([IssueHistoryKind.Muted, IssueHistoryKind.Resolved, IssueHistoryKind.Muted], await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task ActionsOnAMissingIssue_ThrowIssueNotFound()
    {
        var scenario = await fixture.NewProjectAsync();
        var missing = await Assert.ThrowsAsync<IssueNotFoundException>(() => scenario.ActAsync(a => a.ResolveAsync(987_654, IssueScenario.Alice, None)));
        Assert.Equal(987_654, missing.IssueId);
        await Assert.ThrowsAsync<IssueNotFoundException>(() => scenario.ActAsync(a => a.AddCommentAsync(987_654, "hello", IssueScenario.Alice, None)));
    }

    private async Task<(IssueScenario Scenario, long IssueId)> NewIssueAsync(string? release = null)
    {
        var scenario = await fixture.NewProjectAsync();
        var eventId = await scenario.SendAsync("Order total was negative", release);
        return (scenario, scenario.IssueOf(eventId));
    }
}
