using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// The list and the detail with a Python and a .NET stack trace on a phone (390 px) and a wide screen
// (1400 px): the page itself never scrolls sideways (long frames, URLs and ids wrap or scroll inside
// their own box). BUGSINK_SCREENSHOTS=folder keeps the screenshots to look at by eye.
[Collection(SequentialServers.Name)]
public sealed class IssueLayoutTests(IssuePagesFixture fixture, ITestOutputHelper output) : IClassFixture<IssuePagesFixture>
{
    [SkippableFact]
    public async Task ListAndDetails_FitNarrowAndWideViewports()
    {
        if (!SampleEvents.Available(output))
        {
            return;
        }

        var (python, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("LayoutError", "a rather long exception value that goes on " + new string('x', 120)));
        var dotnetJson = await File.ReadAllTextAsync(Path.Combine(SampleEvents.Folder!, "glitchtip", "dotnet_error.json"));
        var (dotnet, _) = await fixture.SendAsync(fixture.Alpha, JsonNode.Parse(dotnetJson)!.AsObject());
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        var pages = new[] { ("issue-list", $"/projects/{fixture.Alpha.Id}/issues/"), ("issue-python", $"/issues/{python}/"), ("issue-dotnet", $"/issues/{dotnet}/") };
        foreach (var width in new[] { 390, 1400 })
        {
            var page = await LogInAsync(browser, width);
            foreach (var (name, path) in pages)
            {
                await page.GotoAsync(new Uri(fixture.Server.BaseAddress, path).ToString());
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                await KeepScreenshotAsync(page, $"{name}-{width}");
                var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{path} at {width} px is {overflow} px wider than the viewport: {await WidestAsync(page)}");
            }
        }
    }

    private async Task<IPage> LogInAsync(Browser browser, int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync(new Uri(fixture.Server.BaseAddress, "/accounts/login/").ToString());
        await page.GetByLabel("Email address").FillAsync("ann@example.com");
        await page.GetByLabel("Password").FillAsync(BugsinkTestServer.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/accounts/login/", StringComparison.Ordinal));
        return page;
    }

    // The innermost elements that stick out on the right, to say what to fix.
    private static async Task<string> WidestAsync(IPage page) => await page.EvaluateAsync<string>("""
        [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
          .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40)).join(' | ')
        """);

    private static async Task KeepScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("BUGSINK_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
