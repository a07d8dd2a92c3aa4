using System.Text.RegularExpressions;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// Issue 24 item 5 in Debian's Chromium with its virtual authenticator (DevTools protocol WebAuthn domain):
// register from the account page, log in with the passkey instead of the password (no code step even with an
// authenticator on), rename it, remove it, and the removed passkey no longer logs in.
[Collection(SequentialServers.Name)]
public sealed partial class PasskeyTests(BrowserServer shared, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    [SkippableFact]
    public async Task Passkey_RegisteredFromTheAccountPage_LogsIn_AndNoLongerOnceRemoved()
    {
        if (await shared.BrowserAsync(output) is not { } browser)
        {
            return;
        }

        var email = SharedServer.NewEmail("passkey");
        await shared.Server.CreateUserAsync(email);
        var page = await browser.NewPageAsync();
        var statuses = Record(page);
        await AddVirtualAuthenticatorAsync(page);

        await LogInWithPasswordAsync(page, email);
        await page.GotoAsync(shared.Url("/accounts/security/"));
        await Assertions.Expect(page.Locator("#passkeys-state")).ToHaveTextAsync("No passkeys.");
        await page.Locator("#passkey-name").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Added the passkey \"Test laptop\"");
        await Assertions.Expect(page.Locator("#passkeys .passkey-name")).ToHaveTextAsync(["Test laptop"]);

        // With an authenticator app on, a password login would now ask for a code; a passkey login does not.
        // (Turning it on ends the account's sessions, so after logging out.)
        await LogOutAsync(page);
        await TurnOnAuthenticatorAsync(email);
        await page.GotoAsync(shared.Url("/projects/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in with a passkey" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        await Assertions.Expect(page.Locator(".user-menu summary")).ToContainTextAsync(email);

        await page.GotoAsync(shared.Url("/accounts/security/"));
        var row = page.Locator("#passkeys li");
        await row.Locator("input[name=name]").FillAsync("Renamed laptop");
        await row.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkeys .passkey-name")).ToHaveTextAsync(["Renamed laptop"]);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("#passkeys li").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkeys-state")).ToHaveTextAsync("No passkeys.");

        // The authenticator still holds the credential; the server no longer knows it.
        await LogOutAsync(page);
        await page.GotoAsync(shared.Url("/accounts/login/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync(Bugsink.Web.Features.Accounts.Security.Passkeys.PasskeyLoginModel.Failure);
        Assert.True(statuses.Exists(s => s.Url.Contains("/accounts/login/passkey", StringComparison.Ordinal) && s.Status == 401),
            string.Join("\n", statuses.Where(s => s.Url.Contains("/accounts/", StringComparison.Ordinal))));
        await page.GotoAsync(shared.Url("/projects/"));
        Assert.Contains("/accounts/login/", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(statuses, s => s.Status >= 500);
    }

    // A platform authenticator that holds discoverable credentials and verifies its user without asking.
    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    private async Task LogInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync(shared.Url("/accounts/login/"));
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(BugsinkTestServer.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
    }

    private static async Task LogOutAsync(IPage page)
    {
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator("form[action*='logout'] button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginPage());
    }

    private async Task TurnOnAuthenticatorAsync(string email)
    {
        using var scope = shared.Server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    private sealed record Answer(string Url, int Status);

    private List<Answer> Record(IPage page)
    {
        var answers = new List<Answer>();
        page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(shared.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                lock (answers)
                {
                    answers.Add(new Answer(response.Url, response.Status));
                }
            }
        };
        return answers;
    }

    [GeneratedRegex(@"/projects/$")]
    private static partial Regex ProjectList();

    [GeneratedRegex(@"/accounts/login/$")]
    private static partial Regex LoginPage();
}
