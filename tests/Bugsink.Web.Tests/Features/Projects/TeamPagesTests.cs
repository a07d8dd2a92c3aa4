using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Projects;

// One server with the TwoTeams of the shared fixture. Tests that rename Alpha or change who is in it
// make a tagged set of their own, so the others always find Alpha as TwoTeams made it.
[Collection(SequentialServers.Name)]
public sealed class TeamPagesTests(TwoTeamsServer fixture) : IClassFixture<TwoTeamsServer>, IAsyncLifetime
{
    private readonly BugsinkTestServer _server = fixture.Server;
    private readonly TwoTeams _teams = fixture.Teams;
    private PageClient _ada = null!;

    public async Task InitializeAsync() => _ada = await _server.LogInAsync("ada@example.com");

    public Task DisposeAsync()
    {
        _ada.Dispose();
        return Task.CompletedTask;
    }

    private string AlphaPath => $"/teams/{_teams.Alpha.TeamId}/";

    [Fact]
    public async Task CreateTeam_MakesTheCreatorItsAdmin()
    {
        using var ann = await _server.LogInAsync("ann@example.com");
        var page = await ann.SubmitAsync("/teams/", "main form", new Dictionary<string, string> { ["Name"] = "Gamma" });
        Assert.Matches("^/teams/[0-9]+/$", page.Path);
        Assert.Equal("Created the team Gamma.", page.Flash);
        Assert.Contains("ann@example.com (admin)", page.Get("main").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("a[href$='/members/']"));

        var list = await ann.GetAsync("/teams/");
        Assert.Contains(list.FindAll("tbody tr"), r => r.TextContent.Contains("Gamma", StringComparison.Ordinal) && r.TextContent.Contains("admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateTeam_WithATakenName_SaysSo()
    {
        var page = await _ada.SubmitAsync("/teams/", "main form", new Dictionary<string, string> { ["Name"] = "Beta" });
        Assert.Contains("There is a team with that name already.", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_ChangesTheName()
    {
        var teams = await TwoTeams.CreateTaggedAsync(_server);
        var alphaPath = $"/teams/{teams.Alpha.TeamId}/";
        using var ada = await _server.LogInAsync(teams.Email("ada"));
        var page = await ada.SubmitAsync(alphaPath, "form[action*='handler=Rename']", new Dictionary<string, string> { ["Name"] = "Alpha Squad" });
        Assert.Equal(alphaPath, page.Path);
        Assert.Equal("Alpha Squad", page.Get("h1").TextContent);
    }

    [Fact]
    public async Task Delete_IsRefusedWhileTheTeamHasProjects_AndWorksWithoutThem()
    {
        var page = await _ada.SubmitAsync(AlphaPath, "form[action*='handler=Delete']");
        Assert.Contains("Only a team without projects can be deleted", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);

        var created = await _ada.SubmitAsync("/teams/", "main form", new Dictionary<string, string> { ["Name"] = "Short-lived" });
        page = await _ada.SubmitAsync(created, "form[action*='handler=Delete']");
        Assert.Equal("/teams/", page.Path);
        Assert.Equal("Deleted the team Short-lived.", page.Flash);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Teams WHERE Name = 'Short-lived'"));
    }

    [Fact]
    public async Task Member_SeesTheTeamButNotItsManagement()
    {
        using var ann = await _server.LogInAsync("ann@example.com");
        var page = await ann.GetAsync(AlphaPath);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Alpha App", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Find("form[action*='handler=Rename']"));
        Assert.Null(page.Find("form[action*='handler=Delete']"));
        Assert.Null(page.Find("a[href$='/members/']"));
    }

    [Fact]
    public async Task Leave_RemovesTheMembership_AndTheProjectsWithIt()
    {
        var teams = await TwoTeams.CreateTaggedAsync(_server);
        var alphaPath = $"/teams/{teams.Alpha.TeamId}/";
        using var ann = await _server.LogInAsync(teams.Email("ann"));
        var page = await ann.SubmitAsync(alphaPath, "form[action*='handler=Leave']");
        Assert.Equal("/teams/", page.Path);
        Assert.Equal("You left the team.", page.Flash);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync($"/projects/{teams.Alpha.Project.Id}/")).Status);
    }

    [Fact]
    public async Task ChangeRole_AndRemoveMember_OnTheMembersPage()
    {
        var teams = await TwoTeams.CreateTaggedAsync(_server);
        var alphaPath = $"/teams/{teams.Alpha.TeamId}/";
        using var ada = await _server.LogInAsync(teams.Email("ada"));
        var annId = _server.Count("SELECT Id FROM AspNetUsers WHERE Email = $e", ("$e", teams.Email("ann")));
        var members = await ada.GetAsync(alphaPath + "members/");
        var page = await ada.SubmitAsync(members, $"form[action*='handler=Role'][action*='userId={annId}&']");
        Assert.Equal("Role changed.", page.Flash);
        Assert.Equal(1, _server.Count("SELECT Role FROM TeamMemberships WHERE UserId = $u", ("$u", annId)));
        using (var ann = await _server.LogInAsync(teams.Email("ann")))
        {
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(alphaPath + "members/")).Status);
        }

        page = await ada.SubmitAsync(page, $"form[action*='handler=Remove'][action*='userId={annId}']");
        Assert.Equal("Removed from the team.", page.Flash);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM TeamMemberships WHERE UserId = $u", ("$u", annId)));
    }

    [Fact]
    public async Task RemoveMember_OfAnotherTeam_IsNotFound()
    {
        var bobId = _server.Count("SELECT Id FROM AspNetUsers WHERE Email = 'bob@example.com'");
        var members = await _ada.GetAsync(AlphaPath + "members/");
        var form = members.Get("form[action*='handler=Remove']");
        form.SetAttribute("action", $"/teams/{_teams.Beta.TeamId}/members/?userId={bobId}&handler=Remove");
        Assert.Equal(HttpStatusCode.NotFound, (await _ada.SubmitAsync(members, "form[action*='handler=Remove']")).Status);
        form.SetAttribute("action", $"{AlphaPath}members/?userId={bobId}&handler=Remove");
        Assert.Equal(HttpStatusCode.NotFound, (await _ada.SubmitAsync(members, "form[action*='handler=Remove']")).Status);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM TeamMemberships WHERE UserId = $u", ("$u", bobId)));
    }
}
