using System.Net;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Api;

// Projects, issues and events as a token of team Alpha's member Ann sees them.
[Collection(SequentialServers.Name)]
public sealed class ApiResourceTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TwoTeams _teams = null!;
    private ApiClient _ann = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync("--Bugsink:BaseUrl=https://errors.example.com");
        _teams = await TwoTeams.CreateAsync(_server);
        _ann = await ApiClient.ForAsync(_server, "ann@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Projects_ListsOwnTeamsProjects_WithTheirDsn()
    {
        var answer = await _ann.GetAsync("projects/");
        var project = Assert.Single(answer.Results);
        Assert.Null(answer.Next);
        Assert.Equal(_teams.Alpha.Project.Id, project.GetProperty("id").GetInt64());
        Assert.Equal("Alpha App", project.GetProperty("name").GetString());
        Assert.Equal(_teams.Alpha.TeamId, project.GetProperty("team").GetInt64());
        Assert.StartsWith("https://" + _teams.Alpha.Project.PublicKey + "@errors.example.com/", project.GetProperty("dsn").GetString(), StringComparison.Ordinal);
        Assert.Equal(project.GetRawText(), (await _ann.GetAsync($"projects/{_teams.Alpha.Project.Id}/")).Json.GetRawText());
    }

    [Fact]
    public async Task Issue_HasTheDocumentedFields()
    {
        var issue = (await _ann.GetAsync($"issues/{_teams.Alpha.IssueId}/")).Json;
        string[] fields = ["id", "project", "friendly_id", "title", "type", "value", "culprit", "level", "first_seen", "last_seen", "event_count",
            "is_resolved", "is_resolved_by_next_release", "fixed_at", "is_muted", "assignee"];
        Assert.Equal(fields.Order(), issue.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("ALPHAAPP-1", issue.GetProperty("friendly_id").GetString());
        Assert.Equal("InvalidOperationException", issue.GetProperty("type").GetString());
        Assert.Equal("alpha exploded", issue.GetProperty("value").GetString());
        Assert.Equal(1, issue.GetProperty("event_count").GetInt64());
        Assert.Equal(JsonValueKind.Null, issue.GetProperty("fixed_at").ValueKind);
        Assert.True(DateTimeOffset.TryParse(issue.GetProperty("last_seen").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Issues_FilterByProjectStateAndQuery_AndPageWithNext()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = Envelopes.NewEventId();
            ids.Add(id);
            var payload = Envelopes.MinimalEvent(id, $"paging case {i} under load");
            await _server.Http.PostAsync($"/api/{_teams.Alpha.Project.Id}/envelope/", Envelopes.EventEnvelope(id, payload.Replace("InvalidOperationException", "Case" + i, StringComparison.Ordinal)), IngestClient.AuthFor(_teams.Alpha.Project));
        }

        await _server.WaitForEventsAsync([.. ids]);
        var seen = new List<long>();
        var answer = await _ann.GetAsync($"issues/?project={_teams.Alpha.Project.Id}&query=under%20load&limit=2");
        while (true)
        {
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            seen.AddRange(answer.Results.Select(r => r.GetProperty("id").GetInt64()));
            if (answer.Next is not { } next)
            {
                break;
            }

            Assert.Contains("query=under%20load", next, StringComparison.Ordinal);
            answer = await _ann.GetAsync(next);
        }

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.DoesNotContain(_teams.Alpha.IssueId, seen);
        Assert.Equal(6, (await _ann.GetAsync("issues/?state=all")).Results.Length);
        Assert.Empty((await _ann.GetAsync("issues/?state=resolved")).Results);
        Assert.Empty((await _ann.GetAsync("issues/?query=100%25_not")).Results);
    }

    [Theory]
    [InlineData("issues/?state=closed")]
    [InlineData("issues/?cursor=garbage")]
    [InlineData("events/?cursor=1.x")]
    public async Task BadParameters_Answer400(string path)
    {
        var answer = await _ann.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Events_OfAnIssue_CarryTheEventJson()
    {
        var answer = await _ann.GetAsync($"events/?issue={_teams.Alpha.IssueId}");
        var stored = Assert.Single(answer.Results);
        Assert.Equal(_teams.Alpha.EventId, stored.GetProperty("event_id").GetString());
        Assert.Equal(_teams.Alpha.IssueId, stored.GetProperty("issue").GetInt64());
        string[] fields = ["id", "event_id", "issue", "timestamp", "ingested_at", "release", "environment", "data"];
        Assert.Equal(fields.Order(), stored.EnumerateObject().Select(p => p.Name).Order());
        var data = stored.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal("alpha exploded", data.GetProperty("exception").GetProperty("values")[0].GetProperty("value").GetString());
        Assert.Equal(stored.GetRawText(), (await _ann.GetAsync($"events/{_teams.Alpha.EventRowId}/")).Json.GetRawText());
    }

    [Fact]
    public async Task Event_ThatWasNotJson_IsGivenAsAString()
    {
        var id = Envelopes.NewEventId();
        var broken = $$"""{"event_id":"{{id}}","message":"cut off here""";
        var envelope = Envelopes.WithLengths($$"""{"event_id":"{{id}}"}""", ("""{"type":"event"}""", Encoding.UTF8.GetBytes(broken)));
        Assert.Equal(200, (await _server.Http.PostAsync($"/api/{_teams.Alpha.Project.Id}/envelope/", envelope, IngestClient.AuthFor(_teams.Alpha.Project))).Status);
        await _server.WaitForEventsAsync(id);
        var rowId = _server.Count("SELECT Id FROM Events WHERE EventId = $id", ("$id", id));
        var data = (await _ann.GetAsync($"events/{rowId}/")).Json.GetProperty("data");
        Assert.Equal(JsonValueKind.String, data.ValueKind);
        Assert.Equal(broken, data.GetString());
    }

    [Fact]
    public async Task Events_PageWithNext()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Envelopes.NewEventId()).ToArray();
        foreach (var id in ids)
        {
            await _server.Http.PostAsync($"/api/{_teams.Alpha.Project.Id}/envelope/", Envelopes.EventEnvelope(id, Envelopes.MinimalEvent(id, "alpha exploded")), IngestClient.AuthFor(_teams.Alpha.Project));
        }

        await _server.WaitForEventsAsync(ids);
        var first = await _ann.GetAsync($"events/?project={_teams.Alpha.Project.Id}&limit=3");
        Assert.Equal(3, first.Results.Length);
        var second = await _ann.GetAsync(first.Next!);
        Assert.Single(second.Results);
        Assert.Null(second.Next);
        var all = first.Results.Concat(second.Results).Select(e => e.GetProperty("event_id").GetString()).ToList();
        Assert.Equal(4, all.Distinct().Count());
    }
}
