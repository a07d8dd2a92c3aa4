using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer.Protocol;

namespace Bugsink.Web.Tests.Features.Alerts;

// The email pipeline from AlertRequest rows (as the digest writes them) to a real SMTP server on loopback.
[Collection(SequentialServers.Name)]
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private AlertTestBed _bed = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _bed = await AlertTestBed.StartAsync(settings: ["--Bugsink:Alerts:RetryFirstDelaySeconds=1", "--Bugsink:Alerts:RetryMaxDelaySeconds=1"]);
        _project = await _bed.CreateProjectAsync("Shop");
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task NewIssue_ReachesExactlyTheMembersWhoWantIt()
    {
        var team = await _bed.TeamOfAsync(_project.Id);
        await _bed.JoinAsync(await _bed.AddUserAsync("plain@example.com"), team);
        await _bed.JoinAsync(await _bed.AddUserAsync("optedout@example.com", sendEmailAlerts: false), team);
        await _bed.JoinAsync(await _bed.AddUserAsync("teamonly@example.com", sendEmailAlerts: false), team, sendEmailAlerts: true);
        await _bed.JoinAsync(await _bed.AddUserAsync("notthisteam@example.com"), team, sendEmailAlerts: false);
        await _bed.AddUserAsync("admin@example.com", isAdmin: true);
        var other = await _bed.CreateProjectAsync("Elsewhere", team: "Other team");
        await _bed.JoinAsync(await _bed.AddUserAsync("otherteam@example.com"), await _bed.TeamOfAsync(other.Id));

        var issue = await _bed.AddIssueAsync(_project.Id, "TypeError: x is undefined");
        var alert = await _bed.AddAlertAsync(_project.Id, issue, AlertKind.NewIssue);
        _bed.Nudge();

        var received = await _bed.Smtp.WaitForAsync(2);
        Assert.Equal(["plain@example.com", "teamonly@example.com"], received.Select(r => r.To).Order(StringComparer.Ordinal));
        foreach (var email in received)
        {
            Assert.Equal("[Shop] New issue: TypeError: x is undefined", email.Subject);
            Assert.Equal(email.To, Assert.Single(email.Message.To.Mailboxes).Address);
            Assert.Equal("alerts@bugsink.test", Assert.Single(email.Message.From.Mailboxes).Address);
            Assert.Contains(AlertTestBed.IssueLink(issue), email.Text, StringComparison.Ordinal);
            Assert.Contains($"href=\"{AlertTestBed.IssueLink(issue)}\"", email.Html, StringComparison.Ordinal);
            Assert.Contains(AlertTestBed.SettingsLink(_project.Id), email.Html, StringComparison.Ordinal);
        }

        Assert.Equal(AlertStatus.Sent, await _bed.StatusOfAsync(alert));
        var log = await _bed.EmailLogAsync();
        Assert.Equal(2, log.Count(e => e.Succeeded && e.AlertRequestId == alert));
    }

    [Fact]
    public async Task ProjectSwitchOff_RecordsTheAlertAndSendsNothing()
    {
        await _bed.JoinAsync(await _bed.AddUserAsync("dev@example.com"), await _bed.TeamOfAsync(_project.Id));
        await _bed.SetProjectSwitchesAsync(_project.Id, newIssue: true, regression: false, unmute: true);
        var regression = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Boom"), AlertKind.Regression, "2.0");
        var unmute = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Bang"), AlertKind.Unmute, "volume");
        await _bed.DispatchAsync();

        Assert.Equal(AlertStatus.Recorded, await _bed.StatusOfAsync(regression));
        Assert.Equal(AlertStatus.Sent, await _bed.StatusOfAsync(unmute));
        var email = Assert.Single(await _bed.Smtp.WaitForAsync(1));
        Assert.Equal("[Shop] Unmuted: Bang", email.Subject);
    }

    [Fact]
    public async Task SameSendJobTwice_SendsOnce()
    {
        await _bed.JoinAsync(await _bed.AddUserAsync("dev@example.com"), await _bed.TeamOfAsync(_project.Id));
        var alert = await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Once"), AlertKind.NewIssue);

        // As Hangfire would on a retry after the email went out but before the job was marked done.
        for (var run = 0; run < 3; run++)
        {
            using var scope = _bed.Server.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<SendAlertEmailJob>().RunAsync([alert], "dev@example.com", 1, CancellationToken.None);
        }

        Assert.Single(await _bed.Smtp.WaitForAsync(1));
        Assert.Single(await _bed.EmailLogAsync(), e => e.Succeeded);
    }

    [Fact]
    public async Task TemporaryRefusal_IsRetriedUntilAccepted()
    {
        await _bed.JoinAsync(await _bed.AddUserAsync("dev@example.com"), await _bed.TeamOfAsync(_project.Id));
        _bed.Smtp.RefuseWith = new SmtpResponse((SmtpReplyCode)451, "Try again later");
        await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Later"), AlertKind.NewIssue);
        await _bed.DispatchAsync();

        await WaitForAsync(async () => (await _bed.EmailLogAsync()).Count(e => !e.Succeeded) >= 2);
        _bed.Smtp.RefuseWith = null;

        Assert.Single(await _bed.Smtp.WaitForAsync(1, settle: TimeSpan.FromSeconds(3)));
        var log = await _bed.EmailLogAsync();
        Assert.Single(log, e => e.Succeeded);
        Assert.All(log.Where(e => !e.Succeeded), e => Assert.Contains("will retry", e.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PermanentRefusal_IsLoggedAndNotRetried()
    {
        await _bed.JoinAsync(await _bed.AddUserAsync("gone@example.com"), await _bed.TeamOfAsync(_project.Id));
        _bed.Smtp.RefuseWith = new SmtpResponse((SmtpReplyCode)554, "No such user here");
        await _bed.AddAlertAsync(_project.Id, await _bed.AddIssueAsync(_project.Id, "Nobody home"), AlertKind.NewIssue);
        await _bed.DispatchAsync();

        await WaitForAsync(async () => (await _bed.EmailLogAsync()).Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(7));
        var failure = Assert.Single(await _bed.EmailLogAsync());
        Assert.False(failure.Succeeded);
        Assert.Equal("gone@example.com", failure.Recipient);
        Assert.Contains("No such user here", failure.Error, StringComparison.Ordinal);
        Assert.Contains("not retried", failure.Error, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not reached in time.");
            await Task.Delay(50);
        }
    }
}
