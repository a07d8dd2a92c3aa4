using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// A mute for a while ends at its time, on the fake clock, with the job run directly (STYLE.md 4.6);
// TimedUnmuteSchedulerTests lets the real Hangfire scheduler run it.
[Collection(SequentialServers.Name)]
public sealed class TimedUnmuteTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    private const string Error = "Nightly export failed";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MuteForADay_EndsAfterADay_WithoutAnyEvent()
    {
        var (scenario, issueId, until) = await MutedForAsync(TimeSpan.FromDays(1));
        Assert.Contains(JobStorage.Current.GetMonitoringApi().ScheduledJobs(0, 1000),
            job => job.Value.Job.Type == typeof(UnmuteIssueJob) && Equals(job.Value.Job.Args[0], issueId));

        fixture.Clock.Advance(TimeSpan.FromHours(23));
        await RunJobAsync(scenario, issueId, until);
        Assert.True((await scenario.IssueAsync(issueId)).IsMuted);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var nudges = fixture.Alerts.Count;
        await RunJobAsync(scenario, issueId, until);

        Assert.True(await scenario.IssueAsync(issueId) is { IsMuted: false, MutedUntil: null });
        var unmuted = (await scenario.HistoryAsync(issueId)).Last();
        Assert.Equal((IssueHistoryKind.Unmuted, "system", "the mute period ended"), (unmuted.Kind, unmuted.ActorName, unmuted.Detail));
        Assert.Equal(fixture.Clock.GetUtcNow(), unmuted.At);
        var alert = (await scenario.AlertsAsync(issueId)).Last();
        Assert.Equal((AlertKind.Unmute, "time", null), (alert.Kind, alert.Reason, alert.EventId));
        Assert.Equal(nudges + 1, fixture.Alerts.Count);

        // Running again (a retry, a duplicate) changes nothing.
        await RunJobAsync(scenario, issueId, until);
        Assert.Equal([IssueHistoryKind.Muted, IssueHistoryKind.Unmuted], await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task ReMute_IsNotUndoneByTheEarlierMutesJob()
    {
        var (scenario, issueId, firstUntil) = await MutedForAsync(TimeSpan.FromHours(1));
        var secondUntil = fixture.Clock.GetUtcNow().AddDays(7);
        await scenario.ActAsync(a => a.MuteAsync(issueId, new MuteSpec(secondUntil, null, null), IssueScenario.Bob, None));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await RunJobAsync(scenario, issueId, firstUntil);
        Assert.Equal(secondUntil, (await scenario.IssueAsync(issueId)).MutedUntil);

        fixture.Clock.Advance(TimeSpan.FromDays(7));
        await RunJobAsync(scenario, issueId, secondUntil);
        Assert.False((await scenario.IssueAsync(issueId)).IsMuted);
        Assert.Equal([IssueHistoryKind.Muted, IssueHistoryKind.Muted, IssueHistoryKind.Unmuted], await scenario.HistoryKindsAsync(issueId));
    }

    [Fact]
    public async Task UnmutedOrMutedForeverSince_TheJobLeavesItAlone()
    {
        var (scenario, issueId, until) = await MutedForAsync(TimeSpan.FromHours(1));
        await scenario.ActAsync(a => a.UnmuteAsync(issueId, IssueScenario.Alice, None));
        await scenario.ActAsync(a => a.MuteAsync(issueId, MuteSpec.Forever, IssueScenario.Alice, None));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await RunJobAsync(scenario, issueId, until);

        Assert.True(await scenario.IssueAsync(issueId) is { IsMuted: true, MutedUntil: null });
        Assert.DoesNotContain(await scenario.AlertsAsync(issueId), a => a.Kind == AlertKind.Unmute);
    }

    [Fact]
    public async Task EventAfterTheMuteEnded_IsDigestedAsUnmuted_AndTheJobThenDoesNothing()
    {
        var (scenario, issueId, until) = await MutedForAsync(TimeSpan.FromHours(1));
        fixture.Clock.Advance(TimeSpan.FromHours(2));

        var late = await scenario.SendAsync(Error);
        Assert.False((await scenario.IssueAsync(issueId)).IsMuted);
        Assert.False(scenario.IsProtected(late));
        Assert.Equal((AlertKind.Unmute, "time", null), (await scenario.AlertsAsync(issueId)).Select(a => (a.Kind, a.Reason, a.EventId)).Last());

        await RunJobAsync(scenario, issueId, until);
        Assert.Equal([IssueHistoryKind.Muted, IssueHistoryKind.Unmuted], await scenario.HistoryKindsAsync(issueId));
    }

    private async Task<(IssueScenario Scenario, long IssueId, DateTimeOffset Until)> MutedForAsync(TimeSpan duration)
    {
        var scenario = await fixture.NewProjectAsync();
        var issueId = scenario.IssueOf(await scenario.SendAsync(Error));
        var spec = MuteSpec.For(duration, fixture.Clock.GetUtcNow());
        await scenario.ActAsync(a => a.MuteAsync(issueId, spec, IssueScenario.Alice, None));
        return (scenario, issueId, spec.Until!.Value);
    }

    private static Task RunJobAsync(IssueScenario scenario, long issueId, DateTimeOffset until) =>
        scenario.WithScopeAsync(provider =>
            provider.GetRequiredService<UnmuteIssueJob>().RunAsync(issueId, until.ToUnixTimeMilliseconds(), CancellationToken.None));
}
