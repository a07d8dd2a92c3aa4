using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// The login form and the user menu's logout, as a person in Chromium uses them.
public static class BrowserSignIn
{
    // Fills and sends the password form; where the browser lands next is the caller's to check.
    public static async Task SubmitPasswordAsync(IPage page, BrowserServer shared, string email, string password = BugsinkTestServer.TestPassword)
    {
        await page.GotoAsync(shared.Url("/accounts/login/"));
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    // The code page's one field takes authenticator codes and recovery codes alike.
    public static async Task SubmitCodeAsync(IPage page, string code)
    {
        await page.Locator("input[name=Code]").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    public static async Task LogOutAsync(IPage page)
    {
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator("form[action*='logout'] button").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/accounts/login/", StringComparison.Ordinal));
    }

    // On the enrolment page: read the key as the person would type it into an app, confirm with its code,
    // and return the key and the recovery codes the answer shows (once).
    public static async Task<AuthenticatorPages.Enrolled> EnrolAsync(IPage page)
    {
        var key = await page.Locator("#authenticator-key").TextContentAsync() ?? "";
        await page.Locator("input[name=Code]").FillAsync(TestTotp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator("#authenticator-done")).ToBeVisibleAsync();
        var codes = await page.Locator("#recovery-codes code").AllTextContentsAsync();
        Assert.Equal(10, codes.Count);
        return new AuthenticatorPages.Enrolled(key, [.. codes]);
    }
}
