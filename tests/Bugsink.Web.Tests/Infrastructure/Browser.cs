using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Infrastructure;

// Chromium from Debian (/usr/bin/chromium) driven by Playwright; Playwright's own browser download is
// never used (it cannot be fetched here). Without Chromium a browser test reports that and passes,
// unless BUGSINK_REQUIRE_ALL_TESTS=1 (set by .ci/run), where a missing tool is a failure.
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Actions, navigations and Expect(...) wait this long (Playwright's defaults: 30 s, and 5 s for
    // Expect). CI runs the suite on two cores shared with Chromium and the server; a passing test never
    // waits for the limit, so a generous one costs nothing there and spares false failures under load.
    public const float PatientTimeoutMilliseconds = 60_000;

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    // Null (after saying why on the test output) when Chromium is missing and that is allowed.
    public static async Task<Browser?> LaunchAsync(ITestOutputHelper output)
    {
        if (!File.Exists(ChromiumPath))
        {
            var message = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium): this browser test did not run.";
            Assert.False(Environment.GetEnvironmentVariable("BUGSINK_REQUIRE_ALL_TESTS") == "1", message);
            output.WriteLine(message);
            // Reported as skipped, with the reason, by tests marked [SkippableFact].
            Skip.If(true, message);
            return null;
        }

        Assertions.SetDefaultExpectTimeout(PatientTimeoutMilliseconds);
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"],
        });
        return new Browser(playwright, chromium);
    }

    // A fresh profile (no cookies) with the given viewport width.
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(PatientTimeoutMilliseconds);
        context.SetDefaultNavigationTimeout(PatientTimeoutMilliseconds);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
