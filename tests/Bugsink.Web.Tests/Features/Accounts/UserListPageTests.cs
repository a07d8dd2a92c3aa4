using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

[Collection(SequentialServers.Name)]
public sealed class UserListPageTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private PageClient _admin = null!;
    private long _annId;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        await _server.CreateUserAsync("root@example.com", isAdmin: true);
        _annId = await _server.CreateUserAsync("ann@example.com");
        _admin = await _server.LogInAsync("root@example.com");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NonAdministrator_IsNotAllowed()
    {
        using var ann = await _server.LogInAsync("ann@example.com");
        var page = await ann.GetAsync("/accounts/users/");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/accounts/denied/", page.Path);
        Assert.DoesNotContain(page.FindAll("nav a"), a => a.GetAttribute("href") == "/accounts/users/");
    }

    [Fact]
    public async Task Administrator_SeesEveryAccount()
    {
        var page = await _admin.GetAsync("/accounts/users/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("ann@example.com", StringComparison.Ordinal) && r.Contains("User", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("root@example.com", StringComparison.Ordinal) && r.Contains("Admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateUserWithPassword_CanLogIn()
    {
        var page = await _admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Email"] = "cat@example.com",
            ["Password"] = "cats have nine lives",
            ["MakeAdmin"] = "true",
        });
        Assert.Equal("Created the account cat@example.com.", page.Flash);
        Assert.Null(page.Find(".secret"));
        Assert.Equal(1, _server.Count("SELECT IsAdmin FROM AspNetUsers WHERE Email = 'cat@example.com'"));
        using var cat = new PageClient(_server.BaseAddress);
        Assert.Equal("/projects/", (await cat.LogInAsync("cat@example.com", "cats have nine lives")).Path);
    }

    [Fact]
    public async Task CreateUser_WithAShortPasswordOrBadEmail_ShowsWhy()
    {
        var page = await _admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Email"] = "dog@example.com",
            ["Password"] = "short",
        });
        Assert.Contains("at least 8 characters", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);
        page = await _admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string> { ["Email"] = "not-an-email" });
        Assert.NotNull(page.Find("[role=alert]"));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email IN ('dog@example.com', 'not-an-email')"));
    }

    [Fact]
    public async Task MakeAdminAndBack_ChangesTheRight()
    {
        var page = await _admin.SubmitAsync(await _admin.GetAsync("/accounts/users/"), $"form[action*='handler=Admin'][action*='id={_annId}&']");
        Assert.Equal("ann@example.com is now an administrator.", page.Flash);
        using (var ann = await _server.LogInAsync("ann@example.com"))
        {
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/accounts/users/")).Status);
        }

        page = await _admin.SubmitAsync(page, $"form[action*='handler=Admin'][action*='id={_annId}&']");
        Assert.Equal("ann@example.com is no longer an administrator.", page.Flash);
        Assert.Equal(0, _server.Count("SELECT IsAdmin FROM AspNetUsers WHERE Id = $id", ("$id", _annId)));
    }

    [Fact]
    public async Task Administrator_CannotDemoteOrDeleteThemselves()
    {
        var page = await _admin.GetAsync("/accounts/users/");
        var self = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("root@example.com", StringComparison.Ordinal));
        Assert.Null(self.QuerySelector("form[action*='handler=Delete']"));
        Assert.Null(self.QuerySelector("form[action*='handler=Admin']"));
    }

    [Fact]
    public async Task Unlock_LetsALockedOutUserIn()
    {
        using var guesser = new PageClient(_server.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            await guesser.LogInAsync("ann@example.com", "guess " + i);
        }

        var page = await _admin.GetAsync("/accounts/users/");
        Assert.Contains("locked", page.FindAll("tbody tr").Single(r => r.TextContent.Contains("ann@", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        page = await _admin.SubmitAsync(page, $"form[action*='handler=Unlock'][action*='id={_annId}']");
        Assert.Equal("ann@example.com can log in again.", page.Flash);
        Assert.Equal("/projects/", (await guesser.LogInAsync("ann@example.com", BugsinkTestServer.TestPassword)).Path);
    }

    [Fact]
    public async Task DeleteUser_RemovesTheAccountAndRevokesItsTokens()
    {
        using (var ann = await _server.LogInAsync("ann@example.com"))
        {
            await ann.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = "script" });
        }

        var page = await _admin.SubmitAsync(await _admin.GetAsync("/accounts/users/"), $"form[action*='handler=Delete'][action*='id={_annId}']");
        Assert.Equal("Deleted the account ann@example.com.", page.Flash);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = 'ann@example.com'"));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM ApiTokens WHERE UserId = $id AND RevokedAt IS NULL", ("$id", _annId)));
    }
}
