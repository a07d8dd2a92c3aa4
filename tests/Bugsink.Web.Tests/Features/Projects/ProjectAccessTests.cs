using System.Globalization;
using System.Net;
using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Projects;

// A member of team Alpha finds nothing of team Beta: every lookup answers 404, also for guessed ids.
[Collection(SequentialServers.Name)]
public sealed class ProjectAccessTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>, IAsyncLifetime
{
    private readonly BugsinkTestServer _server = shared.Server;
    private readonly TwoTeams _teams = shared.Teams;
    private PageClient _ann = null!;

    public async Task InitializeAsync() => _ann = await _server.LogInAsync("ann@example.com");

    public Task DisposeAsync()
    {
        _ann.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OtherTeamsPages_AreNotFound()
    {
        var beta = _teams.Beta;
        foreach (var path in new[] { $"/projects/{beta.Project.Id}/", $"/projects/{beta.Project.Id}/settings/", $"/teams/{beta.TeamId}/", $"/teams/{beta.TeamId}/members/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _ann.GetAsync(path)).Status);
        }
    }

    [Fact]
    public async Task GuessedIds_AreNotFound_ExceptOwnOnes()
    {
        for (var id = 1; id <= 12; id++)
        {
            var expected = id == _teams.Alpha.Project.Id ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await _ann.GetAsync($"/projects/{id}/")).Status);
            expected = id == _teams.Alpha.TeamId ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await _ann.GetAsync($"/teams/{id}/")).Status);
        }
    }

    [Fact]
    public async Task Lists_ShowOnlyOwnTeam()
    {
        var projects = await _ann.GetAsync("/projects/");
        Assert.Contains("Alpha App", projects.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Beta", projects.Text, StringComparison.Ordinal);
        var teams = await _ann.GetAsync("/teams/");
        Assert.Contains("Alpha", teams.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Beta", teams.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedForms_AgainstOtherTeam_AreNotFound()
    {
        // A form from Ann's own project page, pointed at Beta's project: the test-event handler.
        var own = await _ann.GetAsync($"/projects/{_teams.Alpha.Project.Id}/");
        own.Get("form.test-event").SetAttribute("action", $"/projects/{_teams.Beta.Project.Id}/?handler=TestEvent");
        Assert.Equal(HttpStatusCode.NotFound, (await _ann.SubmitAsync(own, "form.test-event")).Status);

        // Leaving a team one is not in.
        var team = await _ann.GetAsync($"/teams/{_teams.Alpha.TeamId}/");
        team.Get("form[action*='handler=Leave']").SetAttribute("action", $"/teams/{_teams.Beta.TeamId}/?handler=Leave");
        Assert.Equal(HttpStatusCode.NotFound, (await _ann.SubmitAsync(team, "form[action*='handler=Leave']")).Status);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM TeamMemberships WHERE TeamId = $t", ("$t", _teams.Beta.TeamId)));
    }

    [Fact]
    public async Task TeamMember_MayNotManage_TeamAdminMay()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _ann.GetAsync($"/projects/{_teams.Alpha.Project.Id}/settings/")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _ann.GetAsync($"/teams/{_teams.Alpha.TeamId}/members/")).Status);
        Assert.Null((await _ann.GetAsync("/projects/")).Find("main form"));

        using var ada = await _server.LogInAsync("ada@example.com");
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync($"/projects/{_teams.Alpha.Project.Id}/settings/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync($"/teams/{_teams.Alpha.TeamId}/members/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/projects/{_teams.Beta.Project.Id}/settings/")).Status);
    }

    [Fact]
    public async Task Administrator_SeesEveryTeam()
    {
        using var root = await _server.LogInAsync("root@example.com");
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync($"/projects/{_teams.Beta.Project.Id}/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync($"/projects/{_teams.Alpha.Project.Id}/settings/")).Status);
        var projects = await root.GetAsync("/projects/");
        Assert.Contains("Alpha App", projects.Text, StringComparison.Ordinal);
        Assert.Contains("Beta App", projects.Text, StringComparison.Ordinal);
    }

    // The queries the issue pages build on: issues, events and attachments of other teams are not in them.
    [Fact]
    public async Task AccessQueries_HoldOnlyOwnTeamsIssuesEventsAndAttachments()
    {
        using var scope = _server.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<ProjectAccess>();
        var ann = Principal(_server.Count("SELECT Id FROM AspNetUsers WHERE Email = 'ann@example.com'"));

        Assert.Equal(new[] { _teams.Alpha.Project.Id }, await access.ProjectIds(ann).ToListAsync());
        Assert.Equal(new[] { _teams.Alpha.IssueId }, await access.Issues(ann).Select(i => i.Id).ToListAsync());
        Assert.Equal(new[] { _teams.Alpha.EventRowId }, await access.Events(ann).Select(e => e.Id).ToListAsync());
        Assert.Equal(new[] { _teams.Alpha.EventId }, await access.Attachments(ann).Select(a => a.EventId).ToListAsync());
        Assert.False(await access.Issues(ann).AnyAsync(i => i.Id == _teams.Beta.IssueId));
        Assert.False(await access.Events(ann).AnyAsync(e => e.Id == _teams.Beta.EventRowId));
        Assert.False(await access.CanManageTeamAsync(ann, _teams.Alpha.TeamId, CancellationToken.None));

        var nobody = new ClaimsPrincipal(new ClaimsIdentity());
        Assert.Empty(await access.Projects(nobody).ToListAsync());
        Assert.Empty(await access.Attachments(nobody).ToListAsync());

        var installation = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ProjectAccess.InstallationClaim, "true")], "test"));
        Assert.Equal(2, await access.Attachments(installation).CountAsync());
        Assert.True(await access.CanManageTeamAsync(installation, _teams.Beta.TeamId, CancellationToken.None));
    }

    private static ClaimsPrincipal Principal(long userId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture))], "test"));
}
