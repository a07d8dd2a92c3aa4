using System.Net;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Tests.Features.Api;

// The issue's culprit and tag counts, and an event's attachments, as team Alpha's member Ann reads them.
// Each test that sends events gives them a title of its own, so the shared server's issues do not mix.
[Collection(SequentialServers.Name)]
public sealed class ApiTagAndAttachmentTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>, IAsyncLifetime
{
    private readonly BugsinkTestServer _server = shared.Server;
    private readonly TwoTeams _teams = shared.Teams;
    private ApiClient _ann = null!;

    public async Task InitializeAsync() => _ann = await ApiClient.ForAsync(_server, "ann@example.com");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Issue_CarriesTheCulpritOfItsCrashFrame()
    {
        var issueId = await SendAsync("culprit case", ("browser", "Firefox"));
        var issue = (await _ann.GetAsync($"issues/{issueId}/")).Json;
        Assert.Equal("Checkout.cs in Pay", issue.GetProperty("culprit").GetString());
        var listed = (await _ann.GetAsync($"issues/?project={_teams.Alpha.Project.Id}&query=culprit%20case")).Results;
        Assert.Equal("Checkout.cs in Pay", Assert.Single(listed).GetProperty("culprit").GetString());

        // No frame and no transaction: nothing to name, so null rather than a made-up place.
        Assert.Equal(JsonValueKind.Null, (await _ann.GetAsync($"issues/{_teams.Alpha.IssueId}/")).Json.GetProperty("culprit").ValueKind);
    }

    [Fact]
    public async Task Tags_GiveEachKeysValueDistribution()
    {
        var issueId = await SendAsync("tag case", ("browser", "Firefox"), ("browser", "Firefox"), ("browser", "Chrome"));
        var answer = await _ann.GetAsync($"issues/{issueId}/tags/");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Next);
        var keys = answer.Results.Select(t => t.GetProperty("key").GetString()!).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        var browser = answer.Results.Single(t => t.GetProperty("key").GetString() == "browser");
        Assert.Equal(3, browser.GetProperty("count").GetInt64());
        Assert.Equal(2, browser.GetProperty("distinct_values").GetInt32());
        var values = browser.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(["Firefox", "Chrome"], values.Select(v => v.GetProperty("value").GetString()));
        Assert.Equal([2L, 1L], values.Select(v => v.GetProperty("count").GetInt64()));
        Assert.True(values[0].GetProperty("first_seen").GetDateTimeOffset() <= values[0].GetProperty("last_seen").GetDateTimeOffset());

        // The digest's own tags (level) are counted beside the SDK's.
        var level = answer.Results.Single(t => t.GetProperty("key").GetString() == "level");
        Assert.Equal("error", Assert.Single(level.GetProperty("values").EnumerateArray()).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Attachments_AreListedWithTheEvent_AndDownloadByteIdentical()
    {
        var answer = await _ann.GetAsync($"events/{_teams.Alpha.EventRowId}/attachments/");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Next);
        var attachment = Assert.Single(answer.Results);
        string[] fields = ["id", "event", "item_type", "filename", "content_type", "attachment_type", "size", "received_at", "download"];
        Assert.Equal(fields.Order(), attachment.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(_teams.Alpha.EventRowId, attachment.GetProperty("event").GetInt64());
        Assert.Equal("attachment", attachment.GetProperty("item_type").GetString());
        Assert.Equal("notes.txt", attachment.GetProperty("filename").GetString());
        Assert.Equal("text/plain", attachment.GetProperty("content_type").GetString());
        var sent = Encoding.UTF8.GetBytes("secret notes of Alpha");
        Assert.Equal(sent.Length, attachment.GetProperty("size").GetInt32());

        var download = attachment.GetProperty("download").GetString()!;
        // BUGSINK_BASE_URL (here the default), never the request's Host (PublicLinkTests).
        var baseUrl = _server.Services.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl.TrimEnd('/');
        Assert.StartsWith(baseUrl + "/api/canonical/0/events/", download, StringComparison.Ordinal);
        var (status, headers, body) = await _ann.GetBytesAsync(download);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(sent, body);
        Assert.Equal("application/octet-stream", headers.ContentType?.MediaType);
        Assert.Equal("attachment", headers.ContentDisposition?.DispositionType);
        Assert.Equal("notes.txt", headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task AnEventWithoutAttachments_HasAnEmptyList()
    {
        var issueId = await SendAsync("no attachment case", ("browser", "Firefox"));
        var eventRowId = (await _ann.GetAsync($"events/?issue={issueId}")).Results.Single().GetProperty("id").GetInt64();
        Assert.Empty((await _ann.GetAsync($"events/{eventRowId}/attachments/")).Results);
    }

    [Fact]
    public async Task OtherTeamsTagsAndAttachments_AreNotFound()
    {
        var beta = _teams.Beta;
        var betaAttachment = _server.Count("SELECT Id FROM EventAttachments WHERE EventId = $e", ("$e", beta.EventId));
        string[] paths =
        [
            $"issues/{beta.IssueId}/tags/", $"events/{beta.EventRowId}/attachments/", $"events/{beta.EventRowId}/attachments/{betaAttachment}/download/",
            // Beta's attachment through Alpha's event: the attachment must belong to the event named.
            $"events/{_teams.Alpha.EventRowId}/attachments/{betaAttachment}/download/",
        ];
        foreach (var path in paths)
        {
            var (status, _, body) = await _ann.GetBytesAsync(path);
            Assert.True(status == HttpStatusCode.NotFound, $"{path}: {status}");
            Assert.DoesNotContain("Beta", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }

        var root = await ApiClient.ForAsync(_server, "root@example.com");
        var (rootStatus, _, rootBody) = await root.GetBytesAsync($"events/{beta.EventRowId}/attachments/{betaAttachment}/download/");
        Assert.Equal(HttpStatusCode.OK, rootStatus);
        Assert.Equal("secret notes of Beta"u8.ToArray(), rootBody);
    }

    // Events of one new issue in project Alpha, one per tag pair, each with an in-app frame; the issue's id.
    private async Task<long> SendAsync(string title, params (string Key, string Value)[] tags)
    {
        var ids = new List<string>();
        foreach (var (key, value) in tags)
        {
            var id = Envelopes.NewEventId();
            ids.Add(id);
            var payload = $$$"""
                {"event_id":"{{{id}}}","platform":"csharp","level":"error","tags":{"{{{key}}}":"{{{value}}}"},
                 "exception":{"values":[{"type":"PaymentException","value":"{{{title}}}",
                   "stacktrace":{"frames":[{"filename":"Program.cs","function":"Main","in_app":true},{"filename":"Checkout.cs","function":"Pay","in_app":true}]}}]}}
                """;
            Assert.Equal(200, (await _server.Http.PostAsync($"/api/{_teams.Alpha.Project.Id}/envelope/", Envelopes.EventEnvelope(id, payload), IngestClient.AuthFor(_teams.Alpha.Project))).Status);
        }

        await _server.WaitForEventsAsync([.. ids]);
        return _server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", ids[0]));
    }
}
