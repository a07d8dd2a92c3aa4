using System.Net;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

[Collection(SequentialServers.Name)]
// Failed logins in these tests are never more than two in a row for Ann: no lockout across the shared server.
public sealed class LoginPageTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    private readonly BugsinkTestServer _server = shared.Server;

    [Theory]
    [InlineData("/")]
    [InlineData("/projects/")]
    [InlineData("/projects/1/")]
    [InlineData("/projects/1/settings/")]
    [InlineData("/teams/")]
    [InlineData("/teams/1/")]
    [InlineData("/teams/1/members/")]
    [InlineData("/settings/tokens/")]
    [InlineData("/accounts/users/")]
    [InlineData("/accounts/password/")]
    [InlineData("/accounts/logout/")]
    public async Task AnonymousVisitor_IsSentToTheLoginPage(string path)
    {
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.GetAsync(path);
        Assert.Equal("/accounts/login/", page.Path);
        Assert.Equal(path, System.Web.HttpUtility.ParseQueryString(page.Url.Query)["ReturnUrl"]);
    }

    [Theory]
    [InlineData("/accounts/login/", HttpStatusCode.OK)]
    [InlineData("/accounts/forgot-password/", HttpStatusCode.OK)]
    [InlineData("/accounts/reset-password/?user=1&code=nonsense", HttpStatusCode.NotFound)]
    [InlineData("/accounts/invitations/nonsense/", HttpStatusCode.NotFound)]
    public async Task PagesForGettingIn_AreOpenToAnonymousVisitors(string path, HttpStatusCode status)
    {
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.GetAsync(path);
        Assert.Equal(status, page.Status);
        Assert.Equal(new Uri(_server.BaseAddress, path).AbsolutePath, page.Path);
    }

    [Fact]
    public async Task RightPassword_LogsInAndReturnsToThePageAskedFor()
    {
        using var client = new PageClient(_server.BaseAddress);
        var login = await client.GetAsync("/teams/");
        var page = await client.SubmitAsync(login, "main form", new Dictionary<string, string>
        {
            ["Email"] = "ann@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal("/teams/", page.Path);
        Assert.Contains("ann@example.com", page.Get(".user-menu summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_SaysSoAndStaysLoggedOut()
    {
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.LogInAsync("ann@example.com", "not the password");
        Assert.Equal("/accounts/login/", page.Path);
        Assert.Contains("do not match", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/accounts/login/", (await client.GetAsync("/projects/")).Path);
    }

    [Fact]
    public async Task UnknownEmail_GetsTheSameAnswerAsAWrongPassword()
    {
        using var client = new PageClient(_server.BaseAddress);
        var unknown = await client.LogInAsync("nobody@example.com", "whatever1");
        var wrong = await client.LogInAsync("ann@example.com", "whatever1");
        Assert.Equal(wrong.Get("[role=alert]").TextContent, unknown.Get("[role=alert]").TextContent);
    }

    [Fact]
    public async Task ReturnUrlToAnotherSite_IsIgnored()
    {
        using var client = new PageClient(_server.BaseAddress);
        var login = await client.GetAsync("/accounts/login/?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var page = await client.SubmitAsync(login, "main form", new Dictionary<string, string>
        {
            ["Email"] = "ann@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal(_server.BaseAddress.Host, page.Url.Host);
        Assert.Equal("/projects/", page.Path);
    }

    [Fact]
    public async Task LogOut_EndsTheSession()
    {
        using var client = await _server.LogInAsync("ann@example.com");
        var page = await client.SubmitAsync("/projects/", "form[action*='logout']");
        Assert.Equal("/accounts/login/", page.Path);
        Assert.Equal("You are logged out.", page.Flash);
        Assert.Equal("/accounts/login/", (await client.GetAsync("/projects/")).Path);
    }

    [Fact]
    public async Task RememberMe_KeepsTheCookieBeyondTheBrowserSession()
    {
        using var brief = new PageClient(_server.BaseAddress);
        await brief.LogInAsync("ann@example.com", BugsinkTestServer.TestPassword);
        Assert.Equal(DateTime.MinValue, SessionCookie(brief).Expires);

        using var remembered = new PageClient(_server.BaseAddress);
        await remembered.LogInAsync("ann@example.com", BugsinkTestServer.TestPassword, rememberMe: true);
        Assert.True(SessionCookie(remembered).Expires > DateTime.Now.AddDays(13), "A remembered login lasts two weeks.");
    }

    private Cookie SessionCookie(PageClient client) =>
        client.Cookies.GetCookies(_server.BaseAddress).Single(c => c.Name == "bugsink.session");
}
