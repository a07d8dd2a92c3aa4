using System.Net;
using System.Net.Http.Headers;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// create-user and create-token in their own processes while the server runs on the same data folder.
[Collection(SequentialServers.Name)]
public sealed class CliCommandTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreateUser_MakesAnAdminWhoCanLogIn()
    {
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", "op@example.com", "--password", "operator password", "--admin");
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("op@example.com", result.Output, StringComparison.Ordinal);
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.LogInAsync("op@example.com", "operator password");
        Assert.Equal("/projects/", page.Path);
        Assert.NotNull(page.Find("nav a[href='/accounts/users/']"));
    }

    [Fact]
    public async Task CreateUser_WithoutAdmin_MakesAPlainUser()
    {
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", "plain@example.com", "--password", "plain password");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, _server.Count("SELECT IsAdmin FROM AspNetUsers WHERE Email = 'plain@example.com'"));
    }

    [Fact]
    public async Task CreateUser_ForAnExistingUser_SetsTheNewPassword()
    {
        await _server.CreateUserAsync("ann@example.com");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", "ann@example.com", "--password", "recovered password", "--admin");
        Assert.Equal(0, result.ExitCode);
        using var client = new PageClient(_server.BaseAddress);
        Assert.Equal("/accounts/login/", (await client.LogInAsync("ann@example.com", BugsinkTestServer.TestPassword)).Path);
        Assert.Equal("/projects/", (await client.LogInAsync("ann@example.com", "recovered password")).Path);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task CreateUser_WithAShortPassword_FailsAndSaysWhy()
    {
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-user", "x@example.com", "--password", "short");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least 8 characters", result.Errors, StringComparison.Ordinal);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task CreateToken_PrintsAnInstallationTokenLast_ThatSeesEveryProject()
    {
        var project = await _server.CreateProjectAsync("Nobody's App");
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-token", "--name", "deploys");
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        var token = result.LastLine;
        Assert.StartsWith("bsk_", token, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM ApiTokens WHERE UserId IS NULL AND Name = 'deploys'"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/canonical/0/projects/{project.Id}/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateProject_WithATeam_LastLineIsTheDsn()
    {
        var result = await BugsinkCli.RunAsync(_server.DataDir, "create-project", "Cli App", "--team", "Ops");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^https?://[0-9a-f]{32}@", result.LastLine);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Projects p JOIN Teams t ON t.Id = p.TeamId WHERE p.Name = 'Cli App' AND t.Name = 'Ops'"));
    }
}
