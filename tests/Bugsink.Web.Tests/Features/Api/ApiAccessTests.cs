using System.Net;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Api;

// A token of team Alpha's member finds nothing of team Beta: 404 by id, by filter and by guessing.
[Collection(SequentialServers.Name)]
public sealed class ApiAccessTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>, IAsyncLifetime
{
    private readonly BugsinkTestServer _server = shared.Server;
    private readonly TwoTeams _teams = shared.Teams;
    private ApiClient _ann = null!;

    public async Task InitializeAsync() => _ann = await ApiClient.ForAsync(_server, "ann@example.com");

    public Task DisposeAsync() => Task.CompletedTask;

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
        // Cy joins Alpha for this test only, so the shared teams stay as they were.
        var cyId = await _server.CreateUserAsync("cy@example.com");
        _server.Count("INSERT INTO TeamMemberships (TeamId, UserId, Role) VALUES ($t, $u, 0) RETURNING 0", ("$t", _teams.Alpha.TeamId), ("$u", cyId));
        var cy = await ApiClient.ForAsync(_server, "cy@example.com");
        Assert.Equal(HttpStatusCode.OK, (await cy.GetAsync($"issues/{_teams.Alpha.IssueId}/")).Status);
        _server.Count("DELETE FROM TeamMemberships WHERE UserId = $u RETURNING 0", ("$u", cyId));
        Assert.Equal(HttpStatusCode.NotFound, (await cy.GetAsync($"issues/{_teams.Alpha.IssueId}/")).Status);
    }
}
