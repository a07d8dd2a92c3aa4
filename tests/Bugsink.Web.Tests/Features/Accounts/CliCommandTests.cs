using System.Net;
using System.Net.Http.Headers;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// create-user and create-token in their own processes while the server runs on the same data folder.
// One server for the class: each test names its own users, teams and tokens.
[Collection(SequentialServers.Name)]
public sealed class CliCommandTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private readonly BugsinkTestServer _server = fixture.Server;

    [Fact]
    public async Task CreateUser_MakesAnAdminWhoCanLogIn()
    {
        var op = SharedServer.NewEmail("op");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", op, "--password", "operator password", "--admin");
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains(op, result.Output, StringComparison.Ordinal);
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.LogInAsync(op, "operator password");
        Assert.Equal("/projects/", page.Path);
        Assert.NotNull(page.Find("nav a[href='/accounts/users/']"));
    }

    [Fact]
    public async Task CreateUser_WithoutAdmin_MakesAPlainUser()
    {
        var plain = SharedServer.NewEmail("plain");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", plain, "--password", "plain password");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e AND IsAdmin = 0", ("$e", plain)));
    }

    [Fact]
    public async Task CreateUser_ForAnExistingUser_SetsTheNewPassword()
    {
        var ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(ann);
        var users = _server.Count("SELECT count(*) FROM AspNetUsers");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", ann, "--password", "recovered password", "--admin");
        Assert.Equal(0, result.ExitCode);
        using var client = new PageClient(_server.BaseAddress);
        Assert.Equal("/accounts/login/", (await client.LogInAsync(ann, BugsinkTestServer.TestPassword)).Path);
        Assert.Equal("/projects/", (await client.LogInAsync(ann, "recovered password")).Path);
        Assert.Equal(users, _server.Count("SELECT count(*) FROM AspNetUsers"));
        Assert.Equal(1, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e", ("$e", ann)));
    }

    [Fact]
    public async Task CreateUser_WithAShortPassword_FailsAndSaysWhy()
    {
        var x = SharedServer.NewEmail("x");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", x, "--password", "short");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least 8 characters", result.Errors, StringComparison.Ordinal);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e", ("$e", x)));
    }

    [Fact]
    public async Task CreateToken_PrintsAnInstallationTokenLast_ThatSeesEveryProject()
    {
        var project = await _server.CreateProjectAsync(SharedServer.NewName("Nobody's App"));
        var name = SharedServer.NewName("deploys");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-token", "--name", name);
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        var token = result.LastLine;
        Assert.StartsWith("bsk_", token, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM ApiTokens WHERE UserId IS NULL AND Name = $n", ("$n", name)));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/canonical/0/projects/{project.Id}/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateProject_WithATeam_LastLineIsTheDsn()
    {
        var (project, team) = (SharedServer.NewName("Cli App"), SharedServer.NewName("Ops"));
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-project", project, "--team", team);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^https?://[0-9a-f]{32}@", result.LastLine);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Projects p JOIN Teams t ON t.Id = p.TeamId WHERE p.Name = $p AND t.Name = $t", ("$p", project), ("$t", team)));
    }
}
