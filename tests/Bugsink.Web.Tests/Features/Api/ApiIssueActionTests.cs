using System.Net;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Api;

[Collection(SequentialServers.Name)]
public sealed class ApiIssueActionTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TwoTeams _teams = null!;
    private ApiClient _ann = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _teams = await TwoTeams.CreateAsync(_server);
        _ann = await ApiClient.ForAsync(_server, "ann@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Issue => $"issues/{_teams.Alpha.IssueId}/";

    [Fact]
    public async Task ResolveThenReopen_ChangeTheIssue_AndAreRecordedWithWhoDidIt()
    {
        var resolved = await _ann.PostAsync(Issue + "resolve/");
        Assert.Equal(HttpStatusCode.OK, resolved.Status);
        Assert.True(resolved.Json.GetProperty("is_resolved").GetBoolean());
        Assert.Single((await _ann.GetAsync($"issues/?state=resolved")).Results);

        var reopened = await _ann.PostAsync(Issue + "reopen/");
        Assert.False(reopened.Json.GetProperty("is_resolved").GetBoolean());
        Assert.Equal(2, _server.Count("SELECT count(*) FROM IssueHistory WHERE IssueId = $i AND ActorName = 'ann@example.com' AND UserId IS NOT NULL", ("$i", _teams.Alpha.IssueId)));
    }

    [Fact]
    public async Task ResolveInNextRelease_IsFixedByTheNextReleaseAnnounced()
    {
        Assert.Equal(HttpStatusCode.Created, (await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Alpha.Project.Id}}, "version": "1.0.0"}""")).Status);
        var answer = await _ann.PostAsync(Issue + "resolve-next/");
        Assert.True(answer.Json.GetProperty("is_resolved_by_next_release").GetBoolean());

        Assert.Equal(HttpStatusCode.Created, (await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Alpha.Project.Id}}, "version": "1.1.0"}""")).Status);
        var issue = (await _ann.GetAsync(Issue)).Json;
        Assert.False(issue.GetProperty("is_resolved_by_next_release").GetBoolean());
        Assert.Equal("1.1.0", issue.GetProperty("fixed_at").GetString());
        Assert.True(issue.GetProperty("is_resolved").GetBoolean());
    }

    [Fact]
    public async Task ResolveInRelease_NeedsAKnownRelease()
    {
        var unknown = await _ann.PostAsync(Issue + "resolve-release/", """{"release": "9.9"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Alpha.Project.Id}}, "version": "1.2"}""");
        var answer = await _ann.PostAsync(Issue + "resolve-release/", """{"release": "1.2"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("1.2", answer.Json.GetProperty("fixed_at").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"for_seconds": 3600}""")]
    [InlineData("""{"until": "2099-01-01T00:00:00Z"}""")]
    [InlineData("""{"volume": 10, "window_seconds": 60}""")]
    public async Task Mute_InEachForm_ThenUnmute(string? body)
    {
        var muted = await _ann.PostAsync(Issue + "mute/", body);
        Assert.True(muted.Status == HttpStatusCode.OK, muted.Body);
        Assert.True(muted.Json.GetProperty("is_muted").GetBoolean());
        Assert.Single((await _ann.GetAsync("issues/?state=muted")).Results);
        Assert.Empty((await _ann.GetAsync("issues/?state=open")).Results);

        var unmuted = await _ann.PostAsync(Issue + "unmute/");
        Assert.False(unmuted.Json.GetProperty("is_muted").GetBoolean());
    }

    [Theory]
    [InlineData("""{"until": "2000-01-01T00:00:00Z"}""")]
    [InlineData("""{"for_seconds": -5}""")]
    [InlineData("""{"volume": 10}""")]
    public async Task Mute_WithANonsenseCondition_Answers400(string body)
    {
        var answer = await _ann.PostAsync(Issue + "mute/", body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False((await _ann.GetAsync(Issue)).Json.GetProperty("is_muted").GetBoolean());
    }

    [Fact]
    public async Task InstallationToken_IsNamedInTheHistory()
    {
        var installation = await ApiClient.ForAsync(_server, null);
        Assert.Equal(HttpStatusCode.OK, (await installation.PostAsync($"issues/{_teams.Beta.IssueId}/resolve/")).Status);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM IssueHistory WHERE ActorName = 'API token tests' AND UserId IS NULL"));
    }

    [Fact]
    public async Task Releases_ListAndCreate_PerProject()
    {
        var created = await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Alpha.Project.Id}}, "version": "2.0.0"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("2.0.0", created.Json.GetProperty("version").GetString());
        Assert.True(created.Json.GetProperty("is_semver").GetBoolean());
        var again = await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Alpha.Project.Id}}, "version": "2.0.0"}""");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(created.Json.GetProperty("id").GetInt64(), again.Json.GetProperty("id").GetInt64());

        var list = await _ann.GetAsync($"releases/?project={_teams.Alpha.Project.Id}");
        Assert.Equal(["2.0.0"], list.Results.Select(r => r.GetProperty("version").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Alpha.Project.Id}}, "version": " "}""")).Status);
    }

    [Fact]
    public async Task ActionOnADeletedIssue_Answers404()
    {
        _server.Count("UPDATE Issues SET IsDeleted = 1 WHERE Id = $i RETURNING 0", ("$i", _teams.Alpha.IssueId));
        Assert.Equal(HttpStatusCode.NotFound, (await _ann.PostAsync(Issue + "resolve/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _ann.GetAsync(Issue)).Status);
        Assert.Equal(JsonValueKind.Array, (await _ann.GetAsync("issues/")).Json.GetProperty("results").ValueKind);
    }
}
