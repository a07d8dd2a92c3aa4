using System.Diagnostics;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// The real thing: the system clock and Hangfire's own scheduler end a short mute while no event arrives.
[Collection(SequentialServers.Name)]
public sealed class TimedUnmuteSchedulerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ShortMute_IsEndedByTheScheduledJob_OnTime()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var scenario = new IssueScenario(server, await server.CreateProjectAsync("Scheduler"));
        var issueId = scenario.IssueOf(await scenario.SendAsync("Cron job overran"));

        var until = DateTimeOffset.UtcNow.AddSeconds(2);
        await scenario.ActAsync(a => a.MuteAsync(issueId, new MuteSpec(until, null, null), IssueScenario.Alice, CancellationToken.None));
        Assert.True((await scenario.IssueAsync(issueId)).IsMuted);

        var waited = Stopwatch.StartNew();
        while ((await scenario.IssueAsync(issueId)).IsMuted)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The scheduled unmute did not run.");
            await Task.Delay(100);
        }

        var unmuted = (await scenario.HistoryAsync(issueId)).Last();
        var late = unmuted.At - until;
        output.WriteLine($"unmuted {late.TotalMilliseconds:F0} ms after MutedUntil");
        Assert.Equal(IssueHistoryKind.Unmuted, unmuted.Kind);
        Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal((AlertKind.Unmute, "time"), (await scenario.AlertsAsync(issueId)).Select(a => (a.Kind, a.Reason)).Last());
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE IssueId = $i", ("$i", issueId)));
    }
}
