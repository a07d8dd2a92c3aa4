using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bugsink.Web.Tests.Infrastructure;

// Clicking something that leads to another page, then waiting for that page. Not WaitForURLAsync (nor
// RunAndWaitForNavigationAsync): "Create project" once timed out in CI in WaitForURLAsync. When the URL
// does not match yet, both end in the .NET client's WaitForNavigationAsync, which after the "navigated"
// event checks the frame's load states and only then subscribes to their event, so a "load" handled in
// between can be missed; and it waits for "load" (the stylesheet and script too) within 30 s, which a
// POST, a redirect and a page on two busy cores can overrun. Expect(...) instead polls inside the
// driver (the page is found whether it arrived before, during or after the wait began), waits only
// for the URL and one element of the page, and gets Browser's generous timeout.
public static class PageNavigation
{
    public static async Task ClickAndExpectPageAsync(this IPage page, ILocator target, Regex url, string landmark)
    {
        await target.ClickAsync();
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url);
            await Assertions.Expect(page.Locator(landmark).First).ToBeVisibleAsync();
        }
        catch (PlaywrightException failure)
        {
            // Say where the click led instead (an error page, the same form with its errors).
            var main = await page.Locator("main").First.InnerTextAsync(new() { Timeout = 5_000 });
            throw new InvalidOperationException($"After the click, expected {url} with {landmark}; the page is {page.Url}:\n{main}", failure);
        }
    }
}
