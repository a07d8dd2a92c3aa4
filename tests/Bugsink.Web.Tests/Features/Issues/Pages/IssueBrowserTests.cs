using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// The issue pages in Chromium: triage from list to stack trace to resolve and bulk-mute, and hostile
// event content that must show as text and run nothing.
[Collection(SequentialServers.Name)]
public sealed class IssueBrowserTests(IssuePagesFixture fixture, ITestOutputHelper output) : IClassFixture<IssuePagesFixture>
{
    private const string Script = "<script>alert(1)</script>";
    private const string Img = "\"><img src=x onerror=alert(1)>";

    [SkippableFact]
    public async Task Triage_FilterOpenReadResolveAndBulkMute()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BrowserTriageError", "cart total failed", browser: "Edge 1"));
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BrowserOtherError", "other", browser: "Edge 1"));
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        var page = await LogInAsync(browser);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync(Url($"/projects/{fixture.Alpha.Id}/issues/"));
        await ScreenshotAsync(page, "issue-list");
        await page.GetByLabel("Search").FillAsync("browser:\"Edge 1\" Triage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("a.issue-title")).ToHaveCountAsync(1);
        await page.Locator("a.issue-title").ClickAsync();
        await page.WaitForURLAsync($"**/issues/{issueId}/");
        await Assertions.Expect(page.Locator("article.exception h3").First).ToHaveTextAsync("BrowserTriageError");
        await Assertions.Expect(page.Locator(".frame .context .current").First).ToContainTextAsync("total = cart.total()");
        await ScreenshotAsync(page, "issue-detail");
        await page.Locator("form.issue-actions button[value=resolve]").ClickAsync();
        await Assertions.Expect(page.Locator(".issue-state .state")).ToHaveTextAsync("resolved");

        await page.GotoAsync(Url($"/projects/{fixture.Alpha.Id}/issues/?q=BrowserOtherError"));
        await page.Locator("input[name=ids]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Muted: 1 issue");
        await Assertions.Expect(page.Locator("a.issue-title")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }

    [SkippableFact]
    public async Task HostileEventContent_ShowsAsTextAndRunsNothing()
    {
        var payload = JsonNode.Parse("""{"platform":"javascript","level":"error"}""")!.AsObject();
        payload["exception"] = new JsonObject { ["values"] = new JsonArray(new JsonObject { ["type"] = "XssError" + Img, ["value"] = Script + Img }) };
        payload["tags"] = new JsonObject { ["evil"] = Script, ["evil2"] = Img };
        payload["breadcrumbs"] = new JsonArray(new JsonObject { ["message"] = Script + Img, ["category"] = Img });
        payload["request"] = new JsonObject { ["url"] = "javascript:alert(1)", ["headers"] = new JsonObject { ["X-Evil"] = Script + Img, [Img] = "v" } };
        payload["extra"] = new JsonObject { ["html"] = Img };
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, payload);

        var plain = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        Assert.Empty(plain.FindAll("main script, img, [onerror]"));
        Assert.Contains(Script + Img, plain.Get("pre.exception-value").TextContent, StringComparison.Ordinal);
        Assert.Contains(Script + Img, plain.Get("table.breadcrumbs").TextContent, StringComparison.Ordinal);
        Assert.Contains(Script, plain.Get("#tags").ParentElement!.TextContent, StringComparison.Ordinal);
        var list = await fixture.Ann.GetAsync($"/projects/{fixture.Alpha.Id}/issues/?q=XssError");
        Assert.Empty(list.FindAll("main script, img, [onerror]"));

        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        var page = await LogInAsync(browser);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        foreach (var path in new[] { $"/issues/{issueId}/", $"/projects/{fixture.Alpha.Id}/issues/?q=XssError" })
        {
            await page.GotoAsync(Url(path));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await page.Locator("img, [onerror], main script").CountAsync());
        }

        await page.GotoAsync(Url($"/issues/{issueId}/"));
        await Assertions.Expect(page.Locator("pre.exception-value")).ToContainTextAsync(Script + Img);
        await ScreenshotAsync(page, "issue-xss");
        Assert.Equal(0, dialogs);
    }

    private string Url(string path) => new Uri(fixture.Server.BaseAddress, path).ToString();

    private async Task<IPage> LogInAsync(Browser browser)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Url("/accounts/login/"));
        await page.GetByLabel("Email address").FillAsync("ann@example.com");
        await page.GetByLabel("Password").FillAsync(BugsinkTestServer.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/accounts/login/", StringComparison.Ordinal));
        return page;
    }

    // BUGSINK_SCREENSHOTS=folder keeps narrow and wide screenshots to look at by eye.
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("BUGSINK_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(1280, 900);
    }
}
