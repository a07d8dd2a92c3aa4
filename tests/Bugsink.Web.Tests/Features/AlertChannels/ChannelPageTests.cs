using System.Globalization;
using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// The settings page a team admin uses: add a channel (a refused URL says why), see it masked, press
// "Send test message", read the delivery log. Someone outside the team gets a 404.
[Collection(SequentialServers.Name)]
public sealed class ChannelPageTests
{
    [Fact]
    public async Task A_team_admin_adds_tests_and_reads_the_log_and_a_stranger_sees_nothing()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var project = await bed.Bed.CreateProjectAsync("Shop");
        var path = string.Create(CultureInfo.InvariantCulture, $"/projects/{project.Id}/settings/channels/");
        using var admin = await bed.Bed.Server.LogInAsync("root@bugsink.test");

        var refused = await admin.SubmitAsync(path, "form[action*='handler=Add']", new Dictionary<string, string>
        {
            ["Form.Name"] = "Metadata", ["Form.Kind"] = "webhook", ["Form.Url"] = "http://169.254.169.254/latest/",
        });
        Assert.Contains("url refused", refused.Text, StringComparison.Ordinal);
        Assert.Contains("link-local", refused.Text, StringComparison.Ordinal);

        var added = await admin.SubmitAsync(path, "form[action*='handler=Add']", new Dictionary<string, string>
        {
            ["Form.Name"] = "<b>Ops</b> room", ["Form.Kind"] = "discord", ["Form.Url"] = receiver.At("api/webhooks/1/tokenpart1234").ToString(),
        });
        Assert.Contains("Added", added.Flash, StringComparison.Ordinal);
        Assert.Contains("<b>Ops</b> room", added.Text, StringComparison.Ordinal);
        Assert.Null(added.Find("b"));
        Assert.DoesNotContain("tokenpart", added.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var tested = await admin.SubmitAsync(added, "form[action*='handler=Test']");
        Assert.Contains("accepted the test message", tested.Flash, StringComparison.Ordinal);
        Assert.Contains("Test message", Assert.Single(receiver.Received).Body, StringComparison.Ordinal);
        Assert.Contains("delivered (HTTP 200)", tested.Text, StringComparison.Ordinal);

        await bed.Bed.AddUserAsync("stranger@bugsink.test");
        using var stranger = await bed.Bed.Server.LogInAsync("stranger@bugsink.test");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).Status);
    }
}
