using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// A new issue, a regression and an unmute reach every enabled channel of every kind exactly once, with
// the right text and link, through real Kestrel receivers on loopback and the real Hangfire jobs; the
// bodies keep to each service's schema and limits with a 10 KB hostile title.
[Collection(SequentialServers.Name)]
public sealed class ChannelDeliveryTests
{
    private static readonly string[] Kinds = ["slack", "mattermost", "discord", "teams", "webhook"];

    [Fact]
    public async Task Every_alert_reaches_every_enabled_channel_once_escaped_and_within_limits()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        var receivers = new Dictionary<string, LoopbackReceiver>();
        foreach (var kind in Kinds)
        {
            receivers[kind] = await LoopbackReceiver.StartAsync();
        }

        await using var off = await LoopbackReceiver.StartAsync();
        try
        {
            var project = await bed.Bed.CreateProjectAsync("Shop");
            foreach (var kind in Kinds)
            {
                await bed.AddChannelAsync(project.Id, kind, receivers[kind].At($"hooks/{kind}"), secret: kind == "webhook" ? "s3cret" : null);
            }

            await bed.AddChannelAsync(project.Id, "slack", off.At("off"), enabled: false);
            var issueId = await bed.Bed.AddIssueAsync(project.Id, ChannelBodies.HostileTitle);
            var alerts = new[]
            {
                await bed.Bed.AddAlertAsync(project.Id, issueId, AlertKind.NewIssue),
                await bed.Bed.AddAlertAsync(project.Id, issueId, AlertKind.Regression, "2.0.1"),
                await bed.Bed.AddAlertAsync(project.Id, issueId, AlertKind.Unmute, "time"),
            };
            await bed.Bed.DispatchAsync();

            foreach (var kind in Kinds)
            {
                await ChannelTestBed.WaitForAsync(() => receivers[kind].Received.Count >= 3, kind + " to receive three alerts");
            }

            // Time for a duplicate to show up, were there one.
            await Task.Delay(2000);
            var link = AlertTestBed.IssueLink(issueId);
            foreach (var kind in Kinds)
            {
                var received = receivers[kind].Received;
                Assert.Equal(3, received.Count);
                Assert.Equal(3, received.Select(r => r.Headers["X-Bugsink-Delivery"]).Distinct().Count());
                Assert.All(received, r => Assert.Contains(link, r.Body, StringComparison.Ordinal));
                var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
                var texts = string.Join("\n", bodies.Select(ChannelBodies.Texts));
                Assert.Contains("2.0.1", texts, StringComparison.Ordinal);
                Assert.Contains("Shop", texts, StringComparison.Ordinal);
                foreach (var (request, body) in received.Zip(bodies))
                {
                    switch (kind)
                    {
                        case "slack": ChannelBodies.AssertSlack(body); break;
                        case "mattermost": ChannelBodies.AssertMattermost(body); break;
                        case "discord": ChannelBodies.AssertDiscord(body); break;
                        case "teams": ChannelBodies.AssertTeams(body, Encoding.UTF8.GetByteCount(request.Body)); break;
                        default: AssertWebhook(request, body, issueId); break;
                    }
                }

                var triggers = kind == "webhook" ? bodies.Select(b => b.GetProperty("trigger").GetString()).Order().ToList() : null;
                Assert.True(triggers is null || triggers.SequenceEqual(["new", "regression", "unmute"]), string.Join(",", triggers ?? []));
            }

            Assert.Empty(off.Received);
            Assert.All(alerts, a => Assert.Equal(AlertStatus.Sent, bed.Bed.StatusOfAsync(a).GetAwaiter().GetResult()));
            Assert.Equal(15, bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE Succeeded"));
        }
        finally
        {
            foreach (var receiver in receivers.Values)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    private static void AssertWebhook(ReceivedRequest request, JsonElement body, long issueId)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8, Encoding.UTF8.GetBytes(request.Body)));
        Assert.Equal(expected, request.Headers["X-Bugsink-Signature"]);
        Assert.Equal(1, body.GetProperty("schema").GetInt32());
        var issue = Assert.Single(body.GetProperty("issues").EnumerateArray());
        Assert.Equal(issueId, issue.GetProperty("id").GetInt64());
        // Raw event data, one line, cut: a machine reader escapes for its own output.
        var title = issue.GetProperty("title").GetString()!;
        Assert.StartsWith("<!channel> <!here>", title, StringComparison.Ordinal);
        Assert.True(title.Length <= 2000);
        Assert.DoesNotContain('\n', title);
        Assert.Equal(AlertTestBed.IssueLink(issueId), issue.GetProperty("url").GetString());
    }

    // Faults (issue 23, "down for a minute"): the receiver is down for over 60 s of the delivery schedule,
    // then answers 429 with Retry-After, then 200. Every alert arrives exactly once (the log shows the
    // failed attempts before), none twice. Retries are Hangfire schedules on the real clock, so this test
    // holds the receiver down for a real minute; the back-off is shortened (2 s, then at most 10 s) so
    // that each alert is retried several times while it is down.
    [Fact]
    public async Task A_receiver_that_is_down_for_a_minute_then_throttles_then_accepts_gets_every_alert_once()
    {
        await using var bed = await ChannelTestBed.StartAsync(false, "--Bugsink:Alerts:RetryFirstDelaySeconds=2", "--Bugsink:Alerts:RetryMaxDelaySeconds=10");
        var receiver = await LoopbackReceiver.StartAsync();
        var port = receiver.Url.Port;
        var project = await bed.Bed.CreateProjectAsync("Shop");
        await bed.AddChannelAsync(project.Id, "webhook", receiver.At("hook"));
        await receiver.DisposeAsync();

        var issues = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var issueId = await bed.Bed.AddIssueAsync(project.Id, "Boom " + i.ToString(CultureInfo.InvariantCulture));
            issues.Add(issueId);
            await bed.Bed.AddAlertAsync(project.Id, issueId, i == 0 ? AlertKind.NewIssue : AlertKind.Regression, "2.0");
        }

        await bed.Bed.DispatchAsync();
        // Down: connections are refused. It stays down until its first refusal is a minute old and every
        // alert has failed at least three times.
        await ChannelTestBed.WaitForAsync(() => bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE NOT Succeeded AND Status IS NULL") >= 1, "a first failed attempt");
        var firstRefusal = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(61));
        await ChannelTestBed.WaitForAsync(() => bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE NOT Succeeded AND Status IS NULL") >= 9, "three failed attempts per alert");
        Assert.Equal(0, bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE Succeeded"));

        receiver = await LoopbackReceiver.StartAsync(port: port);
        var downFor = DateTime.UtcNow - firstRefusal;
        var throttled = 0;
        receiver.Respond = _ => Task.FromResult<IResult>(Interlocked.Increment(ref throttled) <= 3
            ? new TooManyRequests() : Results.Ok());
        try
        {
            await ChannelTestBed.WaitForAsync(() => bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE Succeeded") >= 3, "three deliveries", seconds: 120);
            // Long enough for a duplicate to show: any retry still scheduled would have run by now.
            await Task.Delay(TimeSpan.FromSeconds(12));
            Assert.True(downFor >= TimeSpan.FromSeconds(60), $"the receiver was down for {downFor.TotalSeconds:0} s");
            var accepted = receiver.Received.Skip(3).ToList();
            Assert.Equal(3, accepted.Count);
            Assert.Equal(3, accepted.Select(r => r.Headers["X-Bugsink-Delivery"]).Distinct().Count());
            Assert.Equal(3, bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE Status = 429"));
            Assert.Equal(3, bed.Bed.Server.Count("SELECT count(*) FROM ChannelDeliveries WHERE Succeeded"));
            Assert.All(issues, id => Assert.Contains(accepted, r => r.Body.Contains(AlertTestBed.IssueLink(id), StringComparison.Ordinal)));
            // The channel was failing for the whole minute and is not switched off (that takes 24 hours).
            Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE IsEnabled AND FailingSince IS NULL"));
        }
        finally
        {
            await receiver.DisposeAsync();
        }
    }

    // 429 with Retry-After: 1, as Slack and Discord answer when throttling.
    private sealed class TooManyRequests : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 429;
            httpContext.Response.Headers.RetryAfter = "1";
            return httpContext.Response.WriteAsync("slow down");
        }
    }
}
