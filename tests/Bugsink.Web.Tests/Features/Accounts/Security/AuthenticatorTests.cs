using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// Issue 24 item 4 through the pages: enrolment from the account page, the code after the password, recovery
// codes, the lockout, "remember this browser" and the administrators' reset. One server; each test has its own account.
[Collection(SequentialServers.Name)]
public sealed class AuthenticatorTests(AuthenticatorTests.WithRoot fixture) : IClassFixture<AuthenticatorTests.WithRoot>, IAsyncLifetime
{
    private const string Root = "root-2fa@example.com";
    private const string CodePath = "/accounts/login/code/";

    private readonly BugsinkTestServer _server = fixture.Server;
    private string _ann = null!;

    public async Task InitializeAsync()
    {
        _ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(_ann);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AccountPage_IsInTheUserMenu_AndSaysHowThePersonSignsIn()
    {
        using var client = await _server.LogInAsync(_ann);
        var projects = await client.GetAsync("/projects/");
        Assert.NotNull(projects.Find(".user-menu a[href='/accounts/security/']"));
        var page = await client.GetAsync("/accounts/security/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("You sign in with a password.", page.Get("#password-state").TextContent);
        Assert.Equal("No provider linked.", page.Get("#provider-state").TextContent);
        Assert.Null(page.Find("#providers"));
        Assert.Equal("Off.", page.Get("#authenticator-state").TextContent);
        Assert.Equal("No passkeys.", page.Get("#passkeys-state").TextContent);
    }

    [Fact]
    public async Task AfterEnrolment_LoginAsksForTheCode_RefusesAWrongOne_AcceptsTheRightOne()
    {
        using (var owner = await _server.LogInAsync(_ann))
        {
            var enrolment = await owner.GetAsync("/accounts/security/authenticator/");
            var wrong = await owner.SubmitAsync(enrolment, "main form", new Dictionary<string, string> { ["Code"] = "000000" });
            Assert.Contains("does not match", wrong.Get("[role=alert]").TextContent);
            var enrolled = await AuthenticatorPages.ConfirmAsync(owner, wrong);
            Assert.Equal(10, enrolled.RecoveryCodes.Distinct().Count());
            Assert.StartsWith("On:", (await owner.GetAsync("/accounts/security/")).Get("#authenticator-state").TextContent);
        }

        using var client = new PageClient(_server.BaseAddress);
        var codePage = await client.LogInAsync(_ann, BugsinkTestServer.TestPassword);
        Assert.Equal(CodePath, codePage.Path);
        // Past the password but not signed in: no page opens yet.
        Assert.Equal("/accounts/login/", (await client.GetAsync("/projects/")).Path);

        var key = await KeyOfAsync(_ann);
        var refused = await AuthenticatorPages.EnterCodeAsync(client, await client.GetAsync(codePage.Url.PathAndQuery), WrongCode(key));
        Assert.Equal(CodePath, refused.Path);
        Assert.Contains("That code is not right", refused.Get("[role=alert]").TextContent);

        var signedIn = await AuthenticatorPages.EnterCodeAsync(client, refused, TestTotp.Code(key, DateTimeOffset.UtcNow));
        Assert.Equal("/projects/", signedIn.Path);
    }

    [Fact]
    public async Task RecoveryCode_GoesInTheCodeField_AndWorksOnce()
    {
        AuthenticatorPages.Enrolled enrolled;
        using (var owner = await _server.LogInAsync(_ann))
        {
            enrolled = await AuthenticatorPages.EnrolAsync(owner);
        }

        using (var first = new PageClient(_server.BaseAddress))
        {
            var codePage = await first.LogInAsync(_ann, BugsinkTestServer.TestPassword);
            Assert.Equal("/projects/", (await AuthenticatorPages.EnterCodeAsync(first, codePage, enrolled.RecoveryCodes[0])).Path);
            Assert.Contains("9 recovery codes left", (await first.GetAsync("/accounts/security/")).Get("#authenticator-state").TextContent);
        }

        using var second = new PageClient(_server.BaseAddress);
        var again = await AuthenticatorPages.EnterCodeAsync(second, await second.LogInAsync(_ann, BugsinkTestServer.TestPassword), enrolled.RecoveryCodes[0]);
        Assert.Equal(CodePath, again.Path);
        Assert.Contains("That code is not right", again.Get("[role=alert]").TextContent);
        Assert.Equal("/projects/", (await AuthenticatorPages.EnterCodeAsync(second, again, enrolled.RecoveryCodes[1])).Path);
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheAccount_EvenAgainstTheRightCode()
    {
        using (var owner = await _server.LogInAsync(_ann))
        {
            await AuthenticatorPages.EnrolAsync(owner);
        }

        var key = await KeyOfAsync(_ann);
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.LogInAsync(_ann, BugsinkTestServer.TestPassword);
        for (var i = 0; i < 4; i++)
        {
            page = await AuthenticatorPages.EnterCodeAsync(client, page, WrongCode(key));
            Assert.Contains("That code is not right", page.Get("[role=alert]").TextContent);
        }

        page = await AuthenticatorPages.EnterCodeAsync(client, page, "not-a-recovery-code");
        Assert.Contains("locked for 15 minutes", page.Get("[role=alert]").TextContent);
        page = await AuthenticatorPages.EnterCodeAsync(client, page, TestTotp.Code(key, DateTimeOffset.UtcNow));
        Assert.Equal(CodePath, page.Path);
        Assert.Contains("Too many wrong codes", page.Get("[role=alert]").TextContent);
        var lockoutEnd = _server.Count("SELECT LockoutEnd FROM AspNetUsers WHERE Email = $e", ("$e", _ann));
        Assert.InRange((DateTimeOffset.FromUnixTimeMilliseconds(lockoutEnd) - DateTimeOffset.UtcNow).TotalMinutes, 14, 15.1);
    }

    [Fact]
    public async Task RememberThisBrowser_SkipsTheCodeThere_For30Days_ButNotElsewhere()
    {
        using (var owner = await _server.LogInAsync(_ann))
        {
            await AuthenticatorPages.EnrolAsync(owner);
        }

        var key = await KeyOfAsync(_ann);
        using var client = new PageClient(_server.BaseAddress);
        var codePage = await client.LogInAsync(_ann, BugsinkTestServer.TestPassword);
        Assert.Equal("/projects/", (await AuthenticatorPages.EnterCodeAsync(client, codePage, TestTotp.Code(key, DateTimeOffset.UtcNow), rememberBrowser: true)).Path);
        var remember = client.Cookies.GetCookies(_server.BaseAddress).Single(c => c.Name == "bugsink.remember-browser");
        Assert.InRange((remember.Expires.ToUniversalTime() - DateTime.UtcNow).TotalDays, 29.9, 30.1);

        // The session ends (the browser closed), the remembered browser stays: the password alone signs in.
        client.Cookies.GetCookies(_server.BaseAddress).Single(c => c.Name == "bugsink.session").Expired = true;
        Assert.Equal("/projects/", (await client.LogInAsync(_ann, BugsinkTestServer.TestPassword)).Path);

        using var elsewhere = new PageClient(_server.BaseAddress);
        Assert.Equal(CodePath, (await elsewhere.LogInAsync(_ann, BugsinkTestServer.TestPassword)).Path);
    }

    [Fact]
    public async Task Administrator_ResetsTheSecondFactor_FromTheUserList()
    {
        using (var owner = await _server.LogInAsync(_ann))
        {
            await AuthenticatorPages.EnrolAsync(owner);
        }

        using var admin = await _server.LogInAsync(Root);
        var users = await admin.GetAsync("/accounts/users/");
        var row = users.FindAll("tbody tr").Single(r => r.TextContent.Contains(_ann, StringComparison.Ordinal));
        var form = row.QuerySelector("form[action*='/second-factor']")!;
        var done = await admin.SubmitAsync(users, $"form[action='{form.GetAttribute("action")}']");
        Assert.True(done.Flash?.Contains($"The authenticator of {_ann} is off", StringComparison.Ordinal) == true, $"{done.Status} {done.Url}: {done.Flash}");

        using var client = new PageClient(_server.BaseAddress);
        Assert.Equal("/projects/", (await client.LogInAsync(_ann, BugsinkTestServer.TestPassword)).Path);
    }

    [Fact]
    public async Task ResettingAnotherUsersSecondFactor_NeedsAnAdministrator()
    {
        var bob = SharedServer.NewEmail("bob");
        var bobId = await _server.CreateUserAsync(bob);
        using var ann = await _server.LogInAsync(_ann);
        var page = await ann.GetAsync($"/accounts/users/{bobId}/second-factor/");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    // The key as the server holds it (the enrolment page showed the same one).
    private async Task<string> KeyOfAsync(string email)
    {
        using var scope = _server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Bugsink.Web.Features.Accounts.User>>();
        var user = await users.FindByEmailAsync(email);
        return (await users.GetAuthenticatorKeyAsync(user!))!;
    }

    private static string WrongCode(string key) => AuthenticatorPages.WrongCode(key);

    public sealed class WithRoot : SharedServer
    {
        protected override async Task PrepareAsync(BugsinkTestServer server) => await server.CreateUserAsync(Root, isAdmin: true);
    }
}
