using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Projects;

// The first ten minutes of a new installation, in Chromium: the admin logs in, creates a team and a
// project, copies the DSN, the real .NET SDK sends an error to it, and the issue shows on the project page.
[Collection(SequentialServers.Name)]
public sealed partial class BrowserJourneyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync()
    {
        // The DSN is built from BUGSINK_BASE_URL, so the server must know its own address before it starts.
        var address = "http://127.0.0.1:" + LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server = await BugsinkTestServer.StartAsync("--urls", address, "--Bugsink:BaseUrl=" + address);
        await _server.CreateUserAsync("root@example.com", isAdmin: true);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SkippableFact]
    public async Task Admin_CreatesTeamAndProject_SdkEventShowsUpOnTheProjectPage()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        var page = await browser.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = _server.BaseAddress.ToString().TrimEnd('/') });
        await page.GotoAsync(_server.BaseAddress.ToString());
        Assert.EndsWith("/accounts/login/?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Email address").FillAsync("root@example.com");
        await page.GetByLabel("Password").FillAsync(BugsinkTestServer.TestPassword);
        await page.ClickAndExpectPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }), ProjectList(), "h1");
        await ScreenshotAsync(page, "projects-empty");

        await page.GotoAsync(new Uri(_server.BaseAddress, "/teams/").ToString());
        await page.GetByLabel("Name").FillAsync("Web Team");
        await page.ClickAndExpectPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create team" }), TeamPage(), "h1");
        Assert.Equal("Web Team", await page.Locator("h1").TextContentAsync());

        await page.GotoAsync(new Uri(_server.BaseAddress, "/projects/").ToString());
        await page.GetByLabel("Name").FillAsync("Browser App");
        await page.GetByLabel("Team").SelectOptionAsync(new SelectOptionValue { Label = "Web Team" });
        await page.ClickAndExpectPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create project" }), ProjectPage(), "button[data-copy='#dsn']");

        await page.Locator("button[data-copy='#dsn']").ClickAsync();
        await Assertions.Expect(page.Locator("button[data-copy='#dsn']")).ToHaveTextAsync("Copied");
        var dsn = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal((await page.Locator("#dsn").TextContentAsync())!.Trim(), dsn);
        await ScreenshotAsync(page, "project-new");

        var eventId = SendWithSentrySdk(dsn);
        await _server.WaitForEventsAsync(eventId);
        await page.ReloadAsync();
        var issues = page.Locator("table.issues");
        await Assertions.Expect(issues).ToContainTextAsync("Checkout failed for order 1234");
        await Assertions.Expect(issues.Locator("tbody tr").First).ToContainTextAsync("just now");
        await ScreenshotAsync(page, "project-with-issue");
    }

    [GeneratedRegex(@"/projects/$")]
    private static partial Regex ProjectList();

    [GeneratedRegex(@"/teams/\d+/$")]
    private static partial Regex TeamPage();

    [GeneratedRegex(@"/projects/\d+/$")]
    private static partial Regex ProjectPage();

    private static string SendWithSentrySdk(string dsn)
    {
        using var client = new SentryClient(new SentryOptions { Dsn = dsn, CacheDirectoryPath = null, Release = "browser-app@1.0.0" });
        SentryId id;
        try
        {
            throw new InvalidOperationException("Checkout failed for order 1234");
        }
        catch (InvalidOperationException exception)
        {
            id = client.CaptureException(exception);
        }

        client.FlushAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return id.ToString();
    }


    // BUGSINK_SCREENSHOTS=folder keeps narrow and wide screenshots of the pages on the way, to look at by eye.
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
    }
}
