using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.Alerts;

// The flood cap and coalescing, on the server's own clock (a FakeTimeProvider registered in DI).
[Collection(SequentialServers.Name)]
public sealed class AlertFloodTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
    private AlertTestBed _bed = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _bed = await AlertTestBed.StartAsync(clock: _clock, settings: ["--Bugsink:Alerts:MaxEmailsPerHour=3", "--Bugsink:Alerts:CoalesceWindowSeconds=300"]);
        _project = await _bed.CreateProjectAsync("Shop");
        await _bed.JoinAsync(await _bed.AddUserAsync("dev@example.com"), await _bed.TeamOfAsync(_project.Id));
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task BeyondTheHourlyCap_AlertsAreSuppressedAndCounted()
    {
        var alerts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            alerts.Add(await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, $"Regressed {i}"), AlertKind.Regression, "2.0"));
        }

        await _bed.DispatchAsync();
        Assert.Equal(3, (await _bed.Smtp.WaitForAsync(3)).Count);
        Assert.Equal(
            [AlertStatus.Sent, AlertStatus.Sent, AlertStatus.Sent, AlertStatus.Suppressed, AlertStatus.Suppressed],
            await Task.WhenAll(alerts.Select(_bed.StatusOfAsync)));

        // Still within the hour: more are suppressed.
        _clock.Advance(TimeSpan.FromMinutes(59));
        var late = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Still capped"), AlertKind.Unmute, "time");
        await _bed.DispatchAsync();
        Assert.Equal(AlertStatus.Suppressed, await _bed.StatusOfAsync(late));

        // An hour after the first sends, the cap has room again.
        _clock.Advance(TimeSpan.FromMinutes(2));
        var next = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Room again"), AlertKind.Unmute, "time");
        await _bed.DispatchAsync();
        Assert.Equal(AlertStatus.Sent, await _bed.StatusOfAsync(next));
        var received = await _bed.Smtp.WaitForAsync(4);
        Assert.Equal(4, received.Count);
        Assert.Equal("[Shop] Unmuted: Room again", received[^1].Subject);
        Assert.Equal(3, (await _bed.StatusCountsAsync())[AlertStatus.Suppressed]);
    }

    [Fact]
    public async Task StormOfNewIssues_IsOneEmailThenOneDigestPerWindow()
    {
        var first = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "First failure"), AlertKind.NewIssue);
        await _bed.DispatchAsync();
        Assert.Equal("[Shop] New issue: First failure", Assert.Single(await _bed.Smtp.WaitForAsync(1)).Subject);

        // Twelve more over the next four minutes: none is sent while the window is open.
        var storm = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(20));
            storm.Add(await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, $"Storm {i}"), AlertKind.NewIssue));
            await _bed.DispatchAsync();
        }

        // Another project's new issue is not held by this project's window.
        var other = await _bed.CreateProjectAsync("Billing");
        var otherAlert = await _bed.AddAlertAsync(other.Id, await _bed.AddIssueAsync(other.Id, "Elsewhere"), AlertKind.NewIssue);
        await _bed.DispatchAsync();
        var received = await _bed.Smtp.WaitForAsync(2);
        Assert.Equal(["[Shop] New issue: First failure", "[Billing] New issue: Elsewhere"], received.Select(r => r.Subject));
        Assert.All(await Task.WhenAll(storm.Select(_bed.StatusOfAsync)), s => Assert.Equal(AlertStatus.Pending, s));

        // The window ends five minutes after the first email: the watchdog, ticking on the same clock, sends the digest.
        _clock.Advance(TimeSpan.FromSeconds(61));
        received = await _bed.Smtp.WaitForAsync(3);
        var digest = received[^1];
        Assert.Equal("[Shop] 12 new issues", digest.Subject);
        for (var i = 0; i < 12; i++)
        {
            Assert.Contains($"Storm {i}", digest.Text, StringComparison.Ordinal);
        }

        var statuses = await Task.WhenAll(storm.Select(_bed.StatusOfAsync));
        Assert.Equal(AlertStatus.Sent, statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal(AlertStatus.Coalesced, s));
        Assert.Equal(AlertStatus.Sent, await _bed.StatusOfAsync(first));
        Assert.Equal(AlertStatus.Sent, await _bed.StatusOfAsync(otherAlert));

        // The digest opened a new window; a new issue right after it waits for that one.
        var after = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "After the digest"), AlertKind.NewIssue);
        await _bed.DispatchAsync();
        Assert.Equal(AlertStatus.Pending, await _bed.StatusOfAsync(after));
        Assert.Equal(3, _bed.Smtp.Received.Count);
    }

    // Issue 23, "speed unchanged": during a storm every digest batch nudges a dispatch, and each one used to load
    // and track every held alert again (0.4-2 s per dispatch with thousands held, --scenario channels). Held
    // alerts are now counted, not loaded, until their window ends; they still go out as one digest then.
    [Fact]
    public async Task DispatchesDuringTheWindow_DoNotLoadTheHeldAlerts()
    {
        await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "First failure"), AlertKind.NewIssue);
        await _bed.DispatchAsync();
        Assert.Single(await _bed.Smtp.WaitForAsync(1));
        for (var i = 0; i < 40; i++)
        {
            await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, $"Storm {i}"), AlertKind.NewIssue);
        }

        await _bed.DispatchAsync();
        var regression = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Came back"), AlertKind.Regression, "2.0");
        using (var ef = new EfEventRecorder())
        {
            for (var i = 0; i < 5; i++)
            {
                await _bed.DispatchAsync();
            }

            // The regression is decided at once (one row loaded); none of the 40 held alerts is loaded again.
            Assert.Equal(1, ef.TrackedCount<AlertRequest>());
        }

        Assert.Equal(AlertStatus.Sent, await _bed.StatusOfAsync(regression));
        Assert.Equal(40, (await _bed.StatusCountsAsync())[AlertStatus.Pending]);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var digest = (await _bed.Smtp.WaitForAsync(3))[^1];
        Assert.Equal("[Shop] 40 new issues", digest.Subject);
    }
}
