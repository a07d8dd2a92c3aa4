using System.Net;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Api;

// A token of team Alpha's member finds nothing of team Beta: 404 by id, by filter and by guessing.
[Collection(SequentialServers.Name)]
public sealed class ApiAccessTests : IAsyncLifetime
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

    [Fact]
    public async Task OtherTeamsObjects_AreNotFound()
    {
        var beta = _teams.Beta;
        string[] paths =
        [
            $"projects/{beta.Project.Id}/", $"issues/{beta.IssueId}/", $"events/{beta.EventRowId}/",
            $"issues/?project={beta.Project.Id}", $"events/?issue={beta.IssueId}", $"events/?project={beta.Project.Id}", $"releases/?project={beta.Project.Id}",
        ];
        foreach (var path in paths)
        {
            var answer = await _ann.GetAsync(path);
            Assert.True(answer.Status == HttpStatusCode.NotFound, $"{path}: {answer.Status}");
            Assert.DoesNotContain("beta", answer.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ActionsOnOtherTeamsIssues_AreNotFound_AndChangeNothing()
    {
        foreach (var action in new[] { "resolve/", "resolve-next/", "reopen/", "mute/", "unmute/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _ann.PostAsync($"issues/{_teams.Beta.IssueId}/{action}")).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _ann.PostAsync($"issues/{_teams.Beta.IssueId}/resolve-release/", """{"release": "1"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _ann.PostAsync("releases/", $$"""{"project": {{_teams.Beta.Project.Id}}, "version": "1"}""")).Status);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM IssueHistory"));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Releases WHERE ProjectId = $p", ("$p", _teams.Beta.Project.Id)));
    }

    [Fact]
    public async Task GuessedIds_FindOnlyOwnObjects()
    {
        for (var id = 1; id <= 10; id++)
        {
            Assert.Equal(id == _teams.Alpha.Project.Id ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await _ann.GetAsync($"projects/{id}/")).Status);
            Assert.Equal(id == _teams.Alpha.IssueId ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await _ann.GetAsync($"issues/{id}/")).Status);
            Assert.Equal(id == _teams.Alpha.EventRowId ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await _ann.GetAsync($"events/{id}/")).Status);
        }
    }

    [Fact]
    public async Task UnfilteredLists_HoldOnlyOwnObjects()
    {
        Assert.Equal([_teams.Alpha.Project.Id], (await _ann.GetAsync("projects/")).Results.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal([_teams.Alpha.IssueId], (await _ann.GetAsync("issues/?state=all")).Results.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal([_teams.Alpha.EventRowId], (await _ann.GetAsync("events/")).Results.Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task AdministratorsAndInstallationTokens_SeeEverything()
    {
        foreach (var client in new[] { await ApiClient.ForAsync(_server, "root@example.com"), await ApiClient.ForAsync(_server, null) })
        {
            Assert.Equal(2, (await client.GetAsync("projects/")).Results.Length);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"issues/{_teams.Beta.IssueId}/")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"events/{_teams.Beta.EventRowId}/")).Status);
        }
    }

    [Fact]
    public async Task LosingMembership_TakesEffectAtOnce()
    {
        Assert.Equal(HttpStatusCode.OK, (await _ann.GetAsync($"issues/{_teams.Alpha.IssueId}/")).Status);
        _server.Count("DELETE FROM TeamMemberships WHERE UserId = (SELECT Id FROM AspNetUsers WHERE Email = 'ann@example.com') RETURNING 0");
        Assert.Equal(HttpStatusCode.NotFound, (await _ann.GetAsync($"issues/{_teams.Alpha.IssueId}/")).Status);
    }
}
