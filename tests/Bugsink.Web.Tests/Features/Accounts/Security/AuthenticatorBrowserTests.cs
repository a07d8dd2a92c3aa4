using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// Issue 24 "Show it", authenticator codes in Debian's Chromium: enrolment from the account page with the key
// read off the page, codes computed by the test's own TOTP, a wrong code, a recovery code that works once.
[Collection(SequentialServers.Name)]
public sealed partial class AuthenticatorBrowserTests(BrowserServer shared, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    [SkippableFact]
    public async Task Authenticator_EnrolledInTheBrowser_AsksForTheCode_AndEachRecoveryCodeWorksOnce()
    {
        if (await shared.BrowserAsync(output) is not { } browser)
        {
            return;
        }

        var email = SharedServer.NewEmail("totp");
        await shared.Server.CreateUserAsync(email);
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SubmitPasswordAsync(page, shared, email);
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());

        await page.GotoAsync(shared.Url("/accounts/security/"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var enrolled = await BrowserSignIn.EnrolAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.GotoAsync(shared.Url("/accounts/security/"));
        await Assertions.Expect(page.Locator("#authenticator-state")).ToContainTextAsync("10 recovery codes left");
        await BrowserSignIn.LogOutAsync(page);

        // The password alone opens nothing now; a wrong code is refused, the app's code lets the person in.
        await BrowserSignIn.SubmitPasswordAsync(page, shared, email);
        await Assertions.Expect(page).ToHaveURLAsync(CodePage());
        await BrowserSignIn.SubmitCodeAsync(page, AuthenticatorPages.WrongCode(enrolled.Key));
        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync(Bugsink.Web.Features.Accounts.Security.TwoFactorCodeModel.WrongCode);
        await page.GotoAsync(shared.Url("/projects/"));
        Assert.Contains("/accounts/login/", page.Url, StringComparison.Ordinal);
        await BrowserSignIn.SubmitPasswordAsync(page, shared, email);
        await Assertions.Expect(page).ToHaveURLAsync(CodePage());
        await BrowserSignIn.SubmitCodeAsync(page, TestTotp.Code(enrolled.Key, DateTimeOffset.UtcNow));
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        await Assertions.Expect(page.Locator(".user-menu summary")).ToContainTextAsync(email);
        await BrowserSignIn.LogOutAsync(page);

        // A recovery code instead of the app's: accepted once...
        await BrowserSignIn.SubmitPasswordAsync(page, shared, email);
        await BrowserSignIn.SubmitCodeAsync(page, enrolled.RecoveryCodes[0]);
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        await page.GotoAsync(shared.Url("/accounts/security/"));
        await Assertions.Expect(page.Locator("#authenticator-state")).ToContainTextAsync("9 recovery codes left");
        await BrowserSignIn.LogOutAsync(page);

        // ...and refused the second time.
        await BrowserSignIn.SubmitPasswordAsync(page, shared, email);
        await BrowserSignIn.SubmitCodeAsync(page, enrolled.RecoveryCodes[0]);
        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync(Bugsink.Web.Features.Accounts.Security.TwoFactorCodeModel.WrongCode);
        await Assertions.Expect(page).ToHaveURLAsync(CodePage());
        await page.GotoAsync(shared.Url("/projects/"));
        Assert.Contains("/accounts/login/", page.Url, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/projects/$")]
    private static partial Regex ProjectList();

    [GeneratedRegex(@"/accounts/login/code/")]
    private static partial Regex CodePage();
}

// Bugsink:Accounts:RequireTwoFactor=admins in the browser: the administrator's password leads to enrolment,
// not to a page, until an authenticator is set up; then its code is asked at the next login.
[Collection(SequentialServers.Name)]
public sealed partial class RequiredTwoFactorBrowserTests(RequiredTwoFactorBrowserTests.AdminsMustEnrol shared, ITestOutputHelper output)
    : IClassFixture<RequiredTwoFactorBrowserTests.AdminsMustEnrol>
{
    [SkippableFact]
    public async Task AdministratorWithoutAFactor_IsSentToEnrolment_AndThenAskedForTheCode()
    {
        if (await shared.BrowserAsync(output) is not { } browser)
        {
            return;
        }

        var admin = SharedServer.NewEmail("admin");
        await shared.Server.CreateUserAsync(admin, isAdmin: true);
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SubmitPasswordAsync(page, shared, admin);
        await Assertions.Expect(page).ToHaveURLAsync(Enrolment());
        await Assertions.Expect(page.Locator("#authenticator-required")).ToBeVisibleAsync();

        // Not signed in yet: another tab still gets the login page.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(shared.Url("/projects/"));
        Assert.Contains("/accounts/login/", other.Url, StringComparison.Ordinal);
        await other.CloseAsync();

        var enrolled = await BrowserSignIn.EnrolAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.GotoAsync(shared.Url("/projects/"));
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());
        await BrowserSignIn.LogOutAsync(page);

        await BrowserSignIn.SubmitPasswordAsync(page, shared, admin);
        await Assertions.Expect(page).ToHaveURLAsync(CodePage());
        await BrowserSignIn.SubmitCodeAsync(page, TestTotp.Code(enrolled.Key, DateTimeOffset.UtcNow));
        await Assertions.Expect(page).ToHaveURLAsync(ProjectList());

        // An ordinary user is not asked.
        var user = SharedServer.NewEmail("user");
        await shared.Server.CreateUserAsync(user);
        var fresh = await browser.NewPageAsync();
        await BrowserSignIn.SubmitPasswordAsync(fresh, shared, user);
        await Assertions.Expect(fresh).ToHaveURLAsync(ProjectList());
    }

    [GeneratedRegex(@"/projects/$")]
    private static partial Regex ProjectList();

    [GeneratedRegex(@"/accounts/login/code/")]
    private static partial Regex CodePage();

    [GeneratedRegex(@"/accounts/security/authenticator/")]
    private static partial Regex Enrolment();

    public sealed class AdminsMustEnrol() : BrowserServer(["--Bugsink:Accounts:RequireTwoFactor=admins"]);
}
