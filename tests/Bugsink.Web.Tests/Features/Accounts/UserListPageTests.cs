using System.Net;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts;

// One server for the class: each test makes the accounts it changes, under addresses of its own.
[Collection(SequentialServers.Name)]
public sealed class UserListPageTests(UserListPageTests.WithRoot fixture) : IClassFixture<UserListPageTests.WithRoot>, IAsyncLifetime
{
    private const string Root = "root@example.com";

    private readonly BugsinkTestServer _server = fixture.Server;
    private PageClient _admin = null!;
    private string _ann = null!;
    private long _annId;

    public async Task InitializeAsync()
    {
        _ann = SharedServer.NewEmail("ann");
        _annId = await _server.CreateUserAsync(_ann);
        _admin = await _server.LogInAsync(Root);
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NonAdministrator_IsNotAllowed()
    {
        using var ann = await _server.LogInAsync(_ann);
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
        Assert.Contains(rows, r => r.Contains(_ann, StringComparison.Ordinal) && r.Contains("User", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(Root, StringComparison.Ordinal) && r.Contains("Admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateUserWithPassword_CanLogIn()
    {
        var cat = SharedServer.NewEmail("cat");
        var page = await _admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Email"] = cat,
            ["Password"] = "cats have nine lives",
            ["MakeAdmin"] = "true",
        });
        Assert.Equal($"Created the account {cat}.", page.Flash);
        Assert.Null(page.Find(".secret"));
        Assert.Equal(1, _server.Count("SELECT IsAdmin FROM AspNetUsers WHERE Email = $e", ("$e", cat)));
        using var client = new PageClient(_server.BaseAddress);
        Assert.Equal("/projects/", (await client.LogInAsync(cat, "cats have nine lives")).Path);
    }

    [Fact]
    public async Task CreateUser_WithAShortPasswordOrBadEmail_ShowsWhy()
    {
        var dog = SharedServer.NewEmail("dog");
        var page = await _admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Email"] = dog,
            ["Password"] = "short",
        });
        Assert.Contains("at least 8 characters", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);
        page = await _admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string> { ["Email"] = "not-an-email" });
        Assert.NotNull(page.Find("[role=alert]"));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email IN ($dog, 'not-an-email')", ("$dog", dog)));
    }

    [Fact]
    public async Task MakeAdminAndBack_ChangesTheRight()
    {
        var page = await _admin.SubmitAsync(await _admin.GetAsync("/accounts/users/"), AnnsForm("Admin"));
        Assert.Equal($"{_ann} is now an administrator.", page.Flash);
        using (var ann = await _server.LogInAsync(_ann))
        {
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/accounts/users/")).Status);
        }

        page = await _admin.SubmitAsync(page, AnnsForm("Admin"));
        Assert.Equal($"{_ann} is no longer an administrator.", page.Flash);
        Assert.Equal(0, _server.Count("SELECT IsAdmin FROM AspNetUsers WHERE Id = $id", ("$id", _annId)));
    }

    [Fact]
    public async Task Administrator_CannotDemoteOrDeleteThemselves()
    {
        var page = await _admin.GetAsync("/accounts/users/");
        var self = page.FindAll("tbody tr").Single(r => r.TextContent.Contains(Root, StringComparison.Ordinal));
        Assert.Null(self.QuerySelector("form[action*='handler=Delete']"));
        Assert.Null(self.QuerySelector("form[action*='handler=Admin']"));
    }

    [Fact]
    public async Task Unlock_LetsALockedOutUserIn()
    {
        using var guesser = new PageClient(_server.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            await guesser.LogInAsync(_ann, "guess " + i);
        }

        var page = await _admin.GetAsync("/accounts/users/");
        Assert.Contains("locked", page.FindAll("tbody tr").Single(r => r.TextContent.Contains(_ann, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        page = await _admin.SubmitAsync(page, AnnsForm("Unlock"));
        Assert.Equal($"{_ann} can log in again.", page.Flash);
        Assert.Equal("/projects/", (await guesser.LogInAsync(_ann, BugsinkTestServer.TestPassword)).Path);
    }

    [Fact]
    public async Task DeleteUser_RemovesTheAccountAndRevokesItsTokens()
    {
        using (var ann = await _server.LogInAsync(_ann))
        {
            await ann.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = "script" });
        }

        var page = await _admin.SubmitAsync(await _admin.GetAsync("/accounts/users/"), AnnsForm("Delete"));
        Assert.Equal($"Deleted the account {_ann}.", page.Flash);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e", ("$e", _ann)));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM ApiTokens WHERE UserId = $id AND RevokedAt IS NULL", ("$id", _annId)));
    }

    [Fact]
    public async Task EachRow_SaysHowThatPersonSignsIn_FromOneQueryForThePage()
    {
        var linked = SharedServer.NewEmail("linked");
        var keyed = SharedServer.NewEmail("keyed");
        var guarded = SharedServer.NewEmail("guarded");
        var invited = SharedServer.NewEmail("invited");
        using (var scope = _server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var creator = scope.ServiceProvider.GetRequiredService<UserCreator>();
            // No password, one provider link (as a first OpenID Connect sign-in leaves it).
            var provider = (await creator.CreateAsync(linked, null, false)).User!;
            Assert.True((await users.AddLoginAsync(provider, new UserLoginInfo("http://idp.test", "sub-1", "Sign in with TestID"))).Succeeded);
            // A password and two passkeys.
            await _server.CreateUserAsync(keyed);
            var passkeys = (await users.FindByEmailAsync(keyed))!;
            foreach (var id in new byte[][] { [1, 2, 3], [4, 5, 6] })
            {
                Assert.True((await users.AddOrUpdatePasskeyAsync(passkeys, Passkey(id))).Succeeded);
            }

            // A password and an authenticator.
            await _server.CreateUserAsync(guarded);
            var second = (await users.FindByEmailAsync(guarded))!;
            await users.ResetAuthenticatorKeyAsync(second);
            await users.SetTwoFactorEnabledAsync(second, true);
            // Nothing yet: waiting for a set-password link.
            await creator.CreateAsync(invited, null, false);
        }

        using var sql = new EfEventRecorder();
        var page = await _admin.GetAsync("/accounts/users/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["password"], Badges(page, _ann));
        Assert.Equal(["Sign in with TestID"], Badges(page, linked));
        Assert.Equal(["password", "2 passkeys"], Badges(page, keyed));
        Assert.Equal(["password", "second factor"], Badges(page, guarded));
        Assert.Empty(Badges(page, invited));
        Assert.Equal("none yet", Row(page, invited).QuerySelector(".sign-in-none")!.TextContent);

        // Five users with something to look up, one statement reading the logins and the passkeys.
        Assert.Equal(1, sql.CountMentioning("AspNetUserLogins"));
        Assert.Equal(1, sql.CountMentioning("AspNetUserPasskeys"));
    }

    private static UserPasskeyInfo Passkey(byte[] credentialId) => new(
        credentialId: credentialId, publicKey: [9, 9, 9], createdAt: DateTimeOffset.UtcNow, signCount: 0, transports: ["internal"],
        isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [1], clientDataJson: [2]);

    private static AngleSharp.Dom.IElement Row(Page page, string email) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Contains(email, StringComparison.Ordinal));

    private static List<string> Badges(Page page, string email) =>
        [.. Row(page, email).QuerySelectorAll("td.sign-in .badge").Select(b => b.TextContent.Trim())];

    // Ids grow with every test on the shared database: "id=2" must not also pick the form of id 21.
    private string AnnsForm(string handler) =>
        $"form[action*='handler={handler}'][action*='id={_annId}&'], form[action*='handler={handler}'][action$='id={_annId}']";

    public sealed class WithRoot : SharedServer
    {
        protected override async Task PrepareAsync(BugsinkTestServer server) => await server.CreateUserAsync(Root, isAdmin: true);
    }
}
