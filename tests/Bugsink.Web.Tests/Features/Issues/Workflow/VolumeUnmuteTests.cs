using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// "Mute until more than N events arrive within a window", decided by the digest inside its transaction.
[Collection(SequentialServers.Name)]
public sealed class VolumeUnmuteTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    private const string Error = "Thumbnail service returned 502";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MoreThanNInTheWindow_UnmutesAtTheEventThatCrossesIt()
    {
        var (scenario, issueId) = await MutedIssueAsync(MuteSpec.UntilVolume(5, TimeSpan.FromHours(1)));

        // Over two batches or more: the count carries over from the database.
        var quiet = (await scenario.SendManyAsync(3, Error)).Concat(await scenario.SendManyAsync(2, Error)).ToArray();
        Assert.True((await scenario.IssueAsync(issueId)).IsMuted);

        var crossing = await scenario.SendAsync(Error);
        Assert.True(await scenario.IssueAsync(issueId) is { IsMuted: false, UnmuteOnVolumeCount: null, UnmuteOnVolumeWindowSeconds: null });
        var unmuted = (await scenario.HistoryAsync(issueId)).Last();
        Assert.Equal((IssueHistoryKind.Unmuted, null, "system"), (unmuted.Kind, unmuted.UserId, unmuted.ActorName));
        Assert.Equal($"more than 5 events in 1 hour; event {crossing}", unmuted.Detail);
        var alert = (await scenario.AlertsAsync(issueId)).Last();
        Assert.Equal((AlertKind.Unmute, "volume", crossing), (alert.Kind, alert.Reason, alert.EventId));
        Assert.True(scenario.IsProtected(crossing));
        Assert.DoesNotContain(quiet, scenario.IsProtected);
    }

    [Fact]
    public async Task OneLargeBatch_UnmutesOnceAtTheThresholdEvent()
    {
        var (scenario, issueId) = await MutedIssueAsync(MuteSpec.UntilVolume(100, TimeSpan.FromHours(24)));

        var events = await scenario.SendManyAsync(150, Error);

        Assert.False((await scenario.IssueAsync(issueId)).IsMuted);
        Assert.Equal([IssueHistoryKind.Muted, IssueHistoryKind.Unmuted], await scenario.HistoryKindsAsync(issueId));
        Assert.Single(events, scenario.IsProtected);
        Assert.True(scenario.IsProtected(events[100]));
    }

    [Fact]
    public async Task EventsThatLeftTheWindow_DoNotCount()
    {
        var (scenario, issueId) = await MutedIssueAsync(MuteSpec.UntilVolume(5, TimeSpan.FromHours(1)));
        await scenario.SendManyAsync(5, Error);

        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        await scenario.SendManyAsync(5, Error);
        Assert.True((await scenario.IssueAsync(issueId)).IsMuted);

        await scenario.SendAsync(Error);
        Assert.False((await scenario.IssueAsync(issueId)).IsMuted);
    }

    [Fact]
    public async Task EventsFromBeforeTheMute_DoNotCount()
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf((await scenario.SendManyAsync(10, Error))[0]);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await scenario.ActAsync(a => a.MuteAsync(issueId, MuteSpec.UntilVolume(5, TimeSpan.FromHours(1)), IssueScenario.Alice, None));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        await scenario.SendManyAsync(5, Error);
        Assert.True((await scenario.IssueAsync(issueId)).IsMuted);
        await scenario.SendAsync(Error);
        Assert.False((await scenario.IssueAsync(issueId)).IsMuted);
    }

    private async Task<(IssueScenario Scenario, long IssueId)> MutedIssueAsync(MuteSpec spec)
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error));
        // The issue's first event arrived before the mute, not at the same millisecond.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await scenario.ActAsync(a => a.MuteAsync(issueId, spec, IssueScenario.Alice, None));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        return (scenario, issueId);
    }
}
