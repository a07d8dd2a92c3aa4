using System.Globalization;
using System.Net;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts;

// Issue 19, found 5: a session cookie stops working on the very next request once its owner logs out,
// changes the password, is deleted or is locked, also a copy of the cookie taken before.
[Collection(SequentialServers.Name)]
public sealed class SessionRevocationTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private const string NewPassword = "a brand new passphrase";
    private readonly BugsinkTestServer _server = fixture.Server;

    [Fact]
    public async Task LogOut_EndsACopyOfTheCookieTakenBefore()
    {
        var email = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(email);
        using var ann = await _server.LogInAsync(email);
        using var copy = CopyOf(ann);
        Assert.Equal("/projects/", (await copy.GetAsync("/projects/")).Path);

        await ann.SubmitAsync("/projects/", "form[action*='logout']");
        Assert.Equal("/accounts/login/", (await copy.GetAsync("/projects/")).Path);
    }

    [Fact]
    public async Task PasswordChange_EndsOtherSessionsAtOnce_AndKeepsThisOne()
    {
        var email = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(email);
        using var laptop = await _server.LogInAsync(email);
        using var phone = await _server.LogInAsync(email);

        var changed = await laptop.SubmitAsync("/accounts/password/", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = BugsinkTestServer.TestPassword,
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal("Your password is changed. Other devices are logged out.", changed.Flash);
        Assert.Equal("/accounts/login/", (await phone.GetAsync("/projects/")).Path);
        Assert.Equal("/projects/", (await laptop.GetAsync("/projects/")).Path);
    }

    [Fact]
    public async Task DeletedAccount_CookieStopsWorking_AndCannotCreateATeam()
    {
        var email = SharedServer.NewEmail("gone");
        var id = await _server.CreateUserAsync(email);
        using var gone = await _server.LogInAsync(email);
        var form = await gone.GetAsync("/teams/");
        await WithUserAsync(id, (users, user) => users.DeleteAsync(user));

        var name = SharedServer.NewName("Ghost team");
        var answer = await gone.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Name"] = name });
        Assert.True((int)answer.Status < 500, $"{answer.Status}: {answer.Text}");
        Assert.Equal("/accounts/login/", answer.Path);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Teams WHERE Name = $n", ("$n", name)));
        Assert.Equal("/accounts/login/", (await gone.GetAsync("/projects/")).Path);
    }

    [Fact]
    public async Task LockedAccount_CookieStopsWorkingOnTheNextRequest()
    {
        var email = SharedServer.NewEmail("locked");
        var id = await _server.CreateUserAsync(email);
        using var client = await _server.LogInAsync(email);
        await WithUserAsync(id, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));

        var page = await client.GetAsync("/projects/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/accounts/login/", page.Path);
    }

    private async Task WithUserAsync(long id, Func<UserManager<User>, User, Task<IdentityResult>> change)
    {
        using var scope = _server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        Assert.True((await change(users, user!)).Succeeded);
    }

    // Another client holding the same session cookie: what someone who copied it would have.
    private PageClient CopyOf(PageClient client)
    {
        var copy = new PageClient(_server.BaseAddress);
        foreach (Cookie cookie in client.Cookies.GetCookies(_server.BaseAddress))
        {
            copy.Cookies.Add(_server.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }

        return copy;
    }
}
