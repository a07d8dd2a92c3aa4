using System.Net;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Features.AlertChannels;
using Bugsink.Web.Tests.Features.Alerts;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Assignment;

// Issue 25 item 1, the chat half: an issue assigned to someone else is announced in the project's
// channels that take assignments ("assignment" among a channel's alerts), once, in every kind's format
// with the names escaped as all channel text is; assigning it to oneself, and channels without the
// kind, stay quiet; a regression of an assigned issue names the assignee. Real Kestrel receivers.
[Collection(SequentialServers.Name)]
public sealed class AssignmentChannelTests
{
    private static readonly string[] Kinds = ["slack", "mattermost", "discord", "teams", "webhook"];

    // Markdown in an email address: Mattermost and Discord must escape it, Slack must break the '@'.
    private const string Ada = "ada_*x*@example.com";

    [Fact]
    public async Task AssigningToSomeoneElse_PostsToTheChannelsThatTakeIt_OnceEach_Escaped_AndRegressionsNameTheAssignee()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        var receivers = new Dictionary<string, LoopbackReceiver>();
        foreach (var kind in Kinds)
        {
            receivers[kind] = await LoopbackReceiver.StartAsync();
        }

        await using var without = await LoopbackReceiver.StartAsync();
        try
        {
            var project = await bed.Bed.CreateProjectAsync("Chat Shop");
            var team = await bed.Bed.TeamOfAsync(project.Id);
            await bed.Bed.JoinAsync(await bed.Bed.AddUserAsync("ann@example.com"), team);
            await bed.Bed.JoinAsync(await bed.Bed.AddUserAsync(Ada), team);
            foreach (var kind in Kinds)
            {
                await bed.AddChannelAsync(project.Id, kind, receivers[kind].At($"hooks/{kind}"), secret: kind == "webhook" ? "s3cret" : null, alerts: ["assignment", "regression"]);
            }

            // The kinds every channel had before assignments existed: this one did not ask for them.
            var old = await bed.AddChannelAsync(project.Id, "slack", without.At("hooks/without"));
            Assert.DoesNotContain("assignment", old.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()));

            var issueId = await bed.Bed.AddIssueAsync(project.Id, ChannelBodies.HostileTitle);
            var ann = await ApiClient.ForAsync(bed.Bed.Server, "ann@example.com");
            var assign = $"issues/{issueId}/assign/";
            Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync(assign, """{"user": "ann@example.com"}""")).Status);
            Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync(assign, JsonSerializer.Serialize(new { user = Ada }))).Status);
            foreach (var kind in Kinds)
            {
                await ChannelTestBed.WaitForAsync(() => receivers[kind].Received.Count >= 1, kind + " to hear of the assignment");
            }

            // Time for a duplicate, or for the self-assignment's message, to show up, were there one.
            await Task.Delay(2000);
            var label = $"CHATSHOP-{bed.Bed.Server.Count("SELECT Number FROM Issues WHERE Id = $id", ("$id", issueId))}";
            foreach (var kind in Kinds)
            {
                var request = Assert.Single(receivers[kind].Received);
                var body = JsonDocument.Parse(request.Body).RootElement;
                AssertSchema(kind, request, body);
                var text = Visible(ChannelBodies.Texts(body));
                Assert.Contains(AlertTestBed.IssueLink(issueId), text, StringComparison.Ordinal);
                var expected = kind switch
                {
                    "mattermost" => label.Replace("-", "\\-", StringComparison.Ordinal) + " assigned to ada\\_\\*x\\*@example.com by ann@example.com.",
                    "discord" => label.Replace("-", "\\-", StringComparison.Ordinal) + " assigned to ada\\_\\*x\\*@example.com by ann@example.com.",
                    _ => label + " assigned to " + Ada + " by ann@example.com.",
                };
                Assert.True(text.Contains(expected, StringComparison.Ordinal), kind + ": " + text[..Math.Min(text.Length, 600)]);
                if (kind != "webhook")
                {
                    // The '@' of a name never reaches a service whole: no mention can come of it.
                    Assert.DoesNotContain("x*@example.com", ChannelBodies.Texts(body), StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal("assignment", body.GetProperty("trigger").GetString());
                }
            }

            Assert.Empty(without.Received);

            var regression = await bed.Bed.AddAlertAsync(project.Id, issueId, AlertKind.Regression, "2.0.1");
            await bed.Bed.DispatchAsync();
            foreach (var kind in Kinds)
            {
                await ChannelTestBed.WaitForAsync(() => receivers[kind].Received.Count >= 2, kind + " to hear of the regression");
                var text = Visible(ChannelBodies.Texts(JsonDocument.Parse(receivers[kind].Received[1].Body).RootElement));
                Assert.Contains("is assigned to", text, StringComparison.Ordinal);
                Assert.Contains("example.com", text[text.IndexOf("is assigned to", StringComparison.Ordinal)..], StringComparison.Ordinal);
            }

            Assert.Equal(AlertStatus.Sent, await bed.Bed.StatusOfAsync(regression));
            await ChannelTestBed.WaitForAsync(() => without.Received.Count >= 1, "the channel without assignments to hear of the regression");
            // Naming the assignee is part of the regression message, whichever kinds a channel takes.
            Assert.Contains("is assigned to", Visible(without.Received[0].Body), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var receiver in receivers.Values)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    // Zero-width spaces are how the formatters break mentions; a reader does not see them.
    private static string Visible(string text) => text.Replace("\u200B", "", StringComparison.Ordinal);

    private static void AssertSchema(string kind, ReceivedRequest request, JsonElement body)
    {
        switch (kind)
        {
            case "slack": ChannelBodies.AssertSlack(body); break;
            case "mattermost": ChannelBodies.AssertMattermost(body); break;
            case "discord": ChannelBodies.AssertDiscord(body); break;
            case "teams": ChannelBodies.AssertTeams(body, Encoding.UTF8.GetByteCount(request.Body)); break;
            default: Assert.True(request.Headers.ContainsKey("X-Bugsink-Signature")); break;
        }
    }
}
