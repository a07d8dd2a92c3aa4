using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// A channel that has failed for 24 hours (by the server's clock, a fake one here) is switched off, says
// why, and its team admins get an email; a 4xx other than 429 is not retried.
[Collection(SequentialServers.Name)]
public sealed class ChannelSwitchOffTests
{
    [Fact]
    public async Task Twenty_four_hours_of_failures_switch_the_channel_off_and_tell_the_team_admins()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));
        await using var bed = await ChannelTestBed.StartAsync(true, clock, "--Bugsink:Alerts:RetryFirstDelaySeconds=1", "--Bugsink:Alerts:RetryMaxDelaySeconds=1");
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(Results.Text("down for maintenance", statusCode: 503));
        var project = await bed.Bed.CreateProjectAsync("Shop");
        var adminId = await bed.Bed.AddUserAsync("lead@bugsink.test", sendEmailAlerts: false);
        using (var scope = bed.Bed.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.TeamMemberships.Add(new TeamMembership { UserId = adminId, TeamId = await bed.Bed.TeamOfAsync(project.Id), Role = TeamRole.Admin });
            await db.SaveChangesAsync();
        }

        await bed.AddChannelAsync(project.Id, "slack", receiver.At("hook"));
        var issueId = await bed.Bed.AddIssueAsync(project.Id, "Boom");
        await bed.Bed.AddAlertAsync(project.Id, issueId, AlertKind.NewIssue);
        await bed.Bed.DispatchAsync();
        await ChannelTestBed.WaitForAsync(() => receiver.Received.Count >= 2, "two failed attempts");
        Assert.Equal(1, bed.Bed.Server.Count("SELECT IsEnabled FROM AlertChannels"));

        clock.Advance(TimeSpan.FromHours(24));
        await ChannelTestBed.WaitForAsync(() => bed.Bed.Server.Count("SELECT IsEnabled FROM AlertChannels") == 0, "the switch-off");
        await ChannelTestBed.WaitForAsync(() => bed.Bed.Smtp.Received.Count >= 1, "the email to the team admin");
        var mail = Assert.Single(bed.Bed.Smtp.Received);
        Assert.Contains("lead@bugsink.test", mail.EnvelopeTo);
        Assert.Contains("switched off", mail.Message.Subject, StringComparison.Ordinal);
        Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE DisabledReason LIKE '%503%'"));

        // Switched off: no further attempts.
        var attempts = receiver.Received.Count;
        await Task.Delay(3000);
        Assert.Equal(attempts, receiver.Received.Count);
    }

    [Fact]
    public async Task A_404_is_final_and_not_retried()
    {
        await using var bed = await ChannelTestBed.StartAsync(false, "--Bugsink:Alerts:RetryFirstDelaySeconds=1", "--Bugsink:Alerts:RetryMaxDelaySeconds=1");
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(Results.Text("no_service", statusCode: 404));
        var project = await bed.Bed.CreateProjectAsync("Shop");
        await bed.AddChannelAsync(project.Id, "discord", receiver.At("hook"));
        var issueId = await bed.Bed.AddIssueAsync(project.Id, "Boom");
        await bed.Bed.AddAlertAsync(project.Id, issueId, AlertKind.NewIssue);
        await bed.Bed.DispatchAsync();
        await ChannelTestBed.WaitForAsync(() => receiver.Received.Count >= 1, "the attempt");
        await Task.Delay(4000);
        Assert.Single(receiver.Received);
        Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE Status = 404 AND Error LIKE '%not retried%'"));
    }
}
