using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Projects;

[Collection(SequentialServers.Name)]
public sealed class TeamPagesTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TwoTeams _teams = null!;
    private PageClient _ada = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _teams = await TwoTeams.CreateAsync(_server);
        _ada = await _server.LogInAsync("ada@example.com");
    }

    public async Task DisposeAsync()
    {
        _ada.Dispose();
        await _server.DisposeAsync();
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
        var page = await _ada.SubmitAsync(AlphaPath, "form[action*='handler=Rename']", new Dictionary<string, string> { ["Name"] = "Alpha Squad" });
        Assert.Equal(AlphaPath, page.Path);
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
        using var ann = await _server.LogInAsync("ann@example.com");
        var page = await ann.SubmitAsync(AlphaPath, "form[action*='handler=Leave']");
        Assert.Equal("/teams/", page.Path);
        Assert.Equal("You left the team.", page.Flash);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync($"/projects/{_teams.Alpha.Project.Id}/")).Status);
    }

    [Fact]
    public async Task ChangeRole_AndRemoveMember_OnTheMembersPage()
    {
        var annId = _server.Count("SELECT Id FROM AspNetUsers WHERE Email = 'ann@example.com'");
        var members = await _ada.GetAsync(AlphaPath + "members/");
        var page = await _ada.SubmitAsync(members, $"form[action*='handler=Role'][action*='userId={annId}&']");
        Assert.Equal("Role changed.", page.Flash);
        Assert.Equal(1, _server.Count("SELECT Role FROM TeamMemberships WHERE UserId = $u", ("$u", annId)));
        using (var ann = await _server.LogInAsync("ann@example.com"))
        {
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(AlphaPath + "members/")).Status);
        }

        page = await _ada.SubmitAsync(page, $"form[action*='handler=Remove'][action*='userId={annId}']");
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
