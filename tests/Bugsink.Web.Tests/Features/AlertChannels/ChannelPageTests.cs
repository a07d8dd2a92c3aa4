using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
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

    // Issue 25: channels made before the assignment kind existed did not get it, and the page had no way to
    // change an existing channel's kinds short of deleting it.
    [Fact]
    public async Task A_team_admin_changes_which_alerts_an_existing_channel_gets()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var project = await bed.Bed.CreateProjectAsync("Shop");
        var path = string.Create(CultureInfo.InvariantCulture, $"/projects/{project.Id}/settings/channels/");
        using var admin = await bed.Bed.Server.LogInAsync("root@bugsink.test");
        var added = await admin.SubmitAsync(path, "form[action*='handler=Add']", new Dictionary<string, string>
        {
            ["Form.Name"] = "Ops", ["Form.Kind"] = "slack", ["Form.Url"] = receiver.At("services/T/B/X").ToString(),
        });
        Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE OnNewIssue = 1 AND OnAssignment = 1"));

        const string Form = "form[action*='handler=Alerts']";
        foreach (var box in Boxes(added, Form))
        {
            box.IsChecked = box.Value is "assignment" or "regression";
        }

        var changed = await admin.SubmitAsync(added, Form);
        Assert.Contains("Ops now gets: regression, assignment.", changed.Flash, StringComparison.Ordinal);
        Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE OnNewIssue = 0 AND OnRegression = 1 AND OnUnmute = 0 AND OnVolume = 0 AND OnAssignment = 1"));
        Assert.Equal(["regression", "assignment"], Boxes(changed, Form).Where(b => b.IsChecked).Select(b => b.Value));

        // Nothing checked: the channel stays on and gets nothing.
        foreach (var box in Boxes(changed, Form))
        {
            box.IsChecked = false;
        }

        Assert.Contains("Ops now gets: nothing.", (await admin.SubmitAsync(changed, Form)).Flash, StringComparison.Ordinal);
        Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE IsEnabled = 1 AND OnNewIssue + OnRegression + OnUnmute + OnVolume + OnAssignment = 0"));
    }

    private static List<IHtmlInputElement> Boxes(Page page, string form) =>
        [.. page.Document.QuerySelectorAll($"{form} input[name=alerts]").OfType<IHtmlInputElement>()];
}
