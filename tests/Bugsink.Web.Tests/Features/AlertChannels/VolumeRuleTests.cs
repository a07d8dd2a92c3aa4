using System.Globalization;
using System.Text;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// The volume rule with a fake clock, through real ingest and the real digest: N=5, M=10; ten events in
// five minutes alert once; the next window alerts again only when it passes the bound again. The alert
// reaches the webhook channel that wants volume alerts.
[Collection(SequentialServers.Name)]
public sealed class VolumeRuleTests
{
    [Fact]
    public async Task More_than_N_events_in_M_minutes_alert_once_per_window()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));
        await using var bed = await ChannelTestBed.StartAsync(false, clock);
        await using var receiver = await LoopbackReceiver.StartAsync();
        var project = await bed.Bed.CreateProjectAsync("Shop");
        await bed.AddChannelAsync(project.Id, "webhook", receiver.At("hook"), alerts: ["volume"]);
        var path = string.Create(CultureInfo.InvariantCulture, $"projects/{project.Id}/");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await bed.Api.PatchAsync(path, """{"volume_alert": {"events": 5, "minutes": 10}}""")).Status);

        // Ten events, one every 30 seconds.
        await SendAsync(bed, project, 10, TimeSpan.FromSeconds(30), clock);
        Assert.Equal(1, VolumeAlerts(bed));

        // Eleven minutes on, a new window: four events stay within the bound...
        clock.Advance(TimeSpan.FromMinutes(11));
        await SendAsync(bed, project, 4, TimeSpan.FromSeconds(30), clock);
        Assert.Equal(1, VolumeAlerts(bed));

        // ...and two more pass it.
        await SendAsync(bed, project, 2, TimeSpan.FromSeconds(30), clock);
        Assert.Equal(2, VolumeAlerts(bed));

        await ChannelTestBed.WaitForAsync(() => receiver.Received.Count >= 2, "two volume alerts at the webhook");
        await Task.Delay(1500);
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Contains("\"trigger\":\"volume\"", r.Body, StringComparison.Ordinal));
        Assert.Contains("more than 5 events in 10 minutes", receiver.Received[0].Body, StringComparison.Ordinal);
    }

    private static long VolumeAlerts(ChannelTestBed bed) => bed.Bed.Server.Count("SELECT count(*) FROM AlertRequests WHERE Kind = 3");

    private static async Task SendAsync(ChannelTestBed bed, TestProject project, int count, TimeSpan every, FakeTimeProvider clock)
    {
        for (var i = 0; i < count; i++)
        {
            var eventId = Envelopes.NewEventId();
            var body = Encoding.UTF8.GetBytes($$"""{"event_id": "{{eventId}}", "message": "Checkout failed", "level": "error", "platform": "python"}""");
            var answer = await bed.Bed.Server.Http.PostAsync($"/api/{project.Id}/store/", body, IngestClient.AuthFor(project));
            Assert.True(answer.Status == 200, answer.Body);
            await bed.Bed.Server.WaitForDigestAsync();
            clock.Advance(every);
        }
    }
}
