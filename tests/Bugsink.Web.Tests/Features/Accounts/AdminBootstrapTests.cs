using System.Net;
using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Accounts;

// BUGSINK_ADMIN (Bugsink:Admin) at start-up, and the hint printed on an installation without users.
[Collection(SequentialServers.Name)]
public sealed class AdminBootstrapTests
{
    [Fact]
    public async Task AdminSetting_CreatesTheAdministrator()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Admin=boss@example.com:boss password 1");
        using var client = new PageClient(server.BaseAddress);
        var page = await client.LogInAsync("boss@example.com", "boss password 1");
        Assert.Equal("/projects/", page.Path);
        Assert.Equal(1, server.Count("SELECT IsAdmin FROM AspNetUsers WHERE Email = 'boss@example.com'"));
    }

    [Fact]
    public async Task AdminSetting_ForAnExistingUser_GrantsAdminButKeepsTheirPassword()
    {
        // The account exists before the server ever starts with the setting (made by the CLI).
        var dataDir = Path.Combine(Path.GetTempPath(), "bugsink-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await TestInstallation.CreateAsync(dataDir);
            var created = await BugsinkCli.RunAsync(dataDir, "create-user", "boss@example.com", "--password", BugsinkTestServer.TestPassword);
            Assert.Equal(0, created.ExitCode);
            await using var server = await ServerProcess.StartAsync($"--Bugsink:DataDir={dataDir}", "--Bugsink:Admin=boss@example.com:another password");
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "bugsink.db")};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT IsAdmin FROM AspNetUsers WHERE Email = 'boss@example.com'";
                Assert.Equal(1L, command.ExecuteScalar());
            }

            using var client = new PageClient(server.BaseAddress);
            Assert.Equal("/projects/", (await client.LogInAsync("boss@example.com", BugsinkTestServer.TestPassword)).Path);
            Assert.Equal("/accounts/login/", (await client.LogInAsync("boss@example.com", "another password")).Path);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task EmptyInstallation_SaysHowToCreateTheFirstAdmin()
    {
        await using var server = await ServerProcess.StartAsync();
        for (var i = 0; i < 50 && !server.RecentOutput.Contains("No users yet", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains("create-user EMAIL --password PASSWORD --admin", server.RecentOutput, StringComparison.Ordinal);
    }

    // The Docker path: no shell, BUGSINK_ADMIN unset. The log's one-time link makes the first admin.
    [Fact]
    public async Task EmptyInstallation_LogsAOneTimeSetupLink_ThatCreatesTheFirstAdmin()
    {
        await using var server = await ServerProcess.StartAsync();
        Match link = Match.Empty;
        for (var i = 0; i < 50 && !(link = Regex.Match(server.RecentOutput, @"/setup/\?token=[A-Za-z0-9_-]{40,}")).Success; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(link.Success, server.RecentOutput);
        using var client = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup/?token=" + new string('A', 43))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup/")).Status);

        var form = await client.GetAsync(link.Value);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var done = await client.SubmitAsync(form, "form[method=post]", new Dictionary<string, string>
        {
            ["Email"] = "first@example.com",
            ["Password"] = "first admin password",
        });
        Assert.Equal("/projects/", done.Path);
        Assert.NotNull(done.Find("nav a[href='/accounts/users/']"));

        // Used once: the same link, and any other, no longer opens the page.
        using var stranger = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link.Value)).Status);
        Assert.Equal("/projects/", (await stranger.LogInAsync("first@example.com", "first admin password")).Path);
    }
}
