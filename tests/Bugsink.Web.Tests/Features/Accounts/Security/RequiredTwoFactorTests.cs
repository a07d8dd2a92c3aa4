using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// Bugsink:Accounts:RequireTwoFactor=admins: an administrator without an authenticator sets one up right after
// the password, before any page opens; other users are not asked.
[Collection(SequentialServers.Name)]
public sealed class RequiredTwoFactorTests(RequiredTwoFactorTests.AdminsMustEnrol fixture) : IClassFixture<RequiredTwoFactorTests.AdminsMustEnrol>
{
    private readonly BugsinkTestServer _server = fixture.Server;

    [Fact]
    public async Task Administrator_EnrolsAtLogin_BeforeAnyPage_ThenLogsInWithTheCode()
    {
        var admin = SharedServer.NewEmail("admin");
        await _server.CreateUserAsync(admin, isAdmin: true);
        AuthenticatorPages.Enrolled enrolled;
        using (var client = new PageClient(_server.BaseAddress))
        {
            var enrolment = await client.LogInAsync(admin, BugsinkTestServer.TestPassword);
            Assert.Equal("/accounts/security/authenticator/", enrolment.Path);
            Assert.NotNull(enrolment.Find("#authenticator-required"));
            Assert.DoesNotContain(client.Cookies.GetCookies(_server.BaseAddress), c => c.Name == "bugsink.session");
            Assert.Equal("/accounts/login/", (await client.GetAsync("/projects/")).Path);

            enrolled = await AuthenticatorPages.ConfirmAsync(client, await client.GetAsync(enrolment.Url.PathAndQuery));
            Assert.Equal("/projects/", (await client.GetAsync("/projects/")).Path);
        }

        using var next = new PageClient(_server.BaseAddress);
        var codePage = await next.LogInAsync(admin, BugsinkTestServer.TestPassword);
        Assert.Equal("/accounts/login/code/", codePage.Path);
        Assert.Equal("/projects/", (await AuthenticatorPages.EnterCodeAsync(next, codePage, TestTotp.Code(enrolled.Key, DateTimeOffset.UtcNow))).Path);
    }

    [Fact]
    public async Task OrdinaryUser_IsNotAsked()
    {
        var ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(ann);
        using var client = new PageClient(_server.BaseAddress);
        Assert.Equal("/projects/", (await client.LogInAsync(ann, BugsinkTestServer.TestPassword)).Path);
    }

    public sealed class AdminsMustEnrol : SharedServer
    {
        protected override Task<BugsinkTestServer> StartAsync() => BugsinkTestServer.StartAsync("--Bugsink:Accounts:RequireTwoFactor=admins");
    }
}
