using System.Text.RegularExpressions;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Accounts.ExternalLogin;

// OpenID Connect sign-in end to end: Debian's Chromium, a plain-http Bugsink and the real npm oidc-provider,
// both on loopback. Each test uses accounts of its own (tests/oidc-provider/provider.mjs).
[Collection(SequentialServers.Name)]
public sealed partial class OidcSignInTests(OidcServer shared, ITestOutputHelper output) : IClassFixture<OidcServer>
{
    [SkippableFact]
    public async Task NewUser_SignsInThroughTheProvider_AndIsFoundAgainTheSecondTime()
    {
        await using var browser = await LaunchAsync();
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        await SignInAsync(page, "newbie");
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        await Assertions.Expect(page.Locator(".user-menu summary")).ToContainTextAsync("newbie@example.com");
        var first = await UserAsync("newbie@example.com");
        Assert.NotNull(first);
        Assert.Null(first.PasswordHash);
        Assert.Equal(1, await LoginCountAsync(first.Id));

        // The account page names the provider and the subject it knows this person by.
        await page.GotoAsync(Url("/accounts/security/"));
        await Assertions.Expect(page.Locator("#password-state")).ToHaveTextAsync("This account has no password.");
        await Assertions.Expect(page.Locator("#providers .provider-name")).ToHaveTextAsync([OidcServer.Button]);
        await Assertions.Expect(page.Locator("#providers .provider-subject")).ToHaveTextAsync(["newbie"]);
        await Assertions.Expect(page.Locator("#providers .provider-issuer")).ToHaveTextAsync([shared.Provider!.Issuer]);

        // Admin rights without the claim do not survive the next sign-in (re-evaluated each time).
        await SetAdminAsync(first.Id, true);
        var again = await browser.NewPageAsync();
        await SignInAsync(again, "newbie");
        await Assertions.Expect(again).ToHaveURLAsync(ProjectList());
        var second = await UserAsync("newbie@example.com");
        Assert.Equal(first.Id, second!.Id);
        Assert.False(second.IsAdmin);
        Assert.Equal(1, await LoginCountAsync(first.Id));
    }

    [SkippableFact]
    public async Task AddressOutsideTheAllowedDomains_IsRefusedWithAMessage()
    {
        await using var browser = await LaunchAsync();
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        var statuses = Record(page);
        await SignInAsync(page, "outsider");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign-in failed");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("not in a domain allowed");
        Assert.Contains(statuses, s => s.Url.Contains("/accounts/login/failed/", StringComparison.Ordinal) && s.Status == 403);
        Assert.Null(await UserAsync("someone@elsewhere.test"));
        Assert.DoesNotContain(statuses, s => s.Status >= 500);
    }

    [SkippableFact]
    public async Task AdminClaim_GrantsAdmin_AndTeamClaimJoinsTheTeamsThatExist()
    {
        await using var browser = await LaunchAsync();
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        await SignInAsync(page, "boss");
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        var boss = await UserAsync("boss@example.com");
        Assert.True(boss!.IsAdmin);
        using (var scope = shared.Server.Services.CreateScope())
        {
            var teams = await scope.ServiceProvider.GetRequiredService<AppDbContext>().TeamMemberships
                .Where(m => m.UserId == boss.Id).Select(m => m.TeamId).ToListAsync();
            Assert.Equal([shared.StaffTeamId], teams);
        }

        await page.GotoAsync(Url("/accounts/users/"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Users");
    }

    [SkippableFact]
    public async Task UnverifiedEmail_DoesNotTakeOverThePasswordAccountWithThatAddress()
    {
        await using var browser = await LaunchAsync();
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        var statuses = Record(page);
        await SignInAsync(page, "unverified");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign-in failed");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("has not verified your email address");
        var victim = await UserAsync("victim@example.com");
        Assert.False(victim!.IsAdmin);
        Assert.Equal(0, await LoginCountAsync(victim.Id));
        await page.GotoAsync(Url("/projects/"));
        Assert.Contains("/accounts/login/", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(statuses, s => s.Status >= 500);
    }

    [SkippableFact]
    public async Task LoggingOut_EndsTheBugsinkSessionAndTheProvidersToo()
    {
        await using var browser = await LaunchAsync();
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        await SignInAsync(page, "newbie");
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator("form[action*='logout'] button").ClickAsync();
        // The provider asks (its own page); then it sends the browser back through /signout-callback-oidc.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginPage());
        await page.GotoAsync(Url("/projects/"));
        Assert.Contains("/accounts/login/", page.Url, StringComparison.Ordinal);
        // Signing in again needs the provider's password again: its session ended too.
        await page.GetByRole(AriaRole.Link, new() { Name = OidcServer.Button }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
        Assert.StartsWith(shared.Provider!.Issuer, page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReplayedAndForgedCallbacks_EndOnTheSignInFailedPage()
    {
        await using var browser = await LaunchAsync();
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        var statuses = Record(page);
        string? callback = null;
        page.Request += (_, request) => callback ??= request.Url.Contains("/signin-oidc?", StringComparison.Ordinal) ? request.Url : null;
        await SignInAsync(page, "newbie");
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        Assert.NotNull(callback);

        // The same answer again, in the same browser (signed in) and in another one (no correlation cookie).
        foreach (var replay in new[] { page, await browser.NewPageAsync() })
        {
            var replayStatuses = ReferenceEquals(replay, page) ? statuses : Record(replay);
            await replay.GotoAsync(callback);
            await Assertions.Expect(replay.Locator("h1")).ToHaveTextAsync("Sign-in failed");
            Assert.Contains(replayStatuses, s => s.Url.Contains("/accounts/login/failed/", StringComparison.Ordinal) && s.Status == 400);
            Assert.DoesNotContain(replayStatuses, s => s.Status >= 500);
        }

        // Made up: a state Bugsink never issued, and no state at all.
        foreach (var forged in new[] { "/signin-oidc?code=made-up&state=made-up", "/signin-oidc?code=made-up", "/signin-oidc" })
        {
            var stranger = await browser.NewPageAsync();
            var strangerStatuses = Record(stranger);
            await stranger.GotoAsync(Url(forged));
            await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("Sign-in failed");
            Assert.DoesNotContain(strangerStatuses, s => s.Status >= 500);
            Assert.Contains(strangerStatuses, s => s.Url.Contains("/accounts/login/failed/", StringComparison.Ordinal) && s.Status == 400);
        }
    }

    private sealed record Answer(string Url, int Status);

    private async Task<Browser?> LaunchAsync()
    {
        if (shared.Missing is { } missing)
        {
            var message = $"The OpenID provider cannot run: {missing}; this test did not run.";
            Assert.False(SampleEvents.RequireAll, message);
            output.WriteLine(message);
            Skip.If(true, message);
        }

        return await Browser.LaunchAsync(output);
    }

    // From the projects page (which sends a stranger to the login page) through the provider's login form.
    private async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync(Url("/projects/"));
        await page.GetByRole(AriaRole.Link, new() { Name = OidcServer.Button }).ClickAsync();
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(shared.Server.BaseAddress.ToString(), StringComparison.Ordinal) && !url.Contains("/signin-oidc", StringComparison.Ordinal));
    }

    // Every answer from Bugsink to this page, redirects included.
    private List<Answer> Record(IPage page)
    {
        var answers = new List<Answer>();
        page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(shared.Server.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                lock (answers)
                {
                    answers.Add(new Answer(response.Url, response.Status));
                }
            }
        };
        return answers;
    }

    private string Url(string path) => new Uri(shared.Server.BaseAddress, path).ToString();

    private async Task<Bugsink.Web.Features.Accounts.User?> UserAsync(string email)
    {
        using var scope = shared.Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
    }

    private async Task<int> LoginCountAsync(long userId)
    {
        using var scope = shared.Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserLogins.CountAsync(l => l.UserId == userId);
    }

    private async Task SetAdminAsync(long userId, bool isAdmin)
    {
        using var scope = shared.Server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsAdmin, isAdmin));
    }

    [GeneratedRegex(@"/projects/$")]
    private static partial Regex ProjectList();

    [GeneratedRegex(@"/accounts/login/$")]
    private static partial Regex LoginPage();
}
