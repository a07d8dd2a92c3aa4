using System.Diagnostics;
using System.Text.Json;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Ingest.ErrorPage;

// Issue 25 item 5 as a visitor meets it: a page on another origin with a real SDK from tests/e2e/browser/node_modules
// (@sentry/browser, bundled by esbuild, or the old raven-js 3.x as its dist script) catches an error, calls
// showReportDialog, and the visitor fills in our dialog in Chromium and sends it; the words then show on the
// issue's page.
[Collection(SequentialServers.Name)]
public sealed class ErrorPageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Dialog Browser Shop");
        await _server.CreateUserAsync("admin@example.com", isAdmin: true);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SkippableTheory]
    [InlineData("@sentry/browser")]
    [InlineData("raven-js")]
    public async Task ShowReportDialog_OfTheRealSdk_SendsTheReport_ThatTheIssuePageShows(string sdkName)
    {
        var sdk = sdkName == "raven-js" ? await ReadRavenAsync() : await BundleSdkAsync();
        await using var browser = await Browser.LaunchAsync(output);
        if (sdk is null || browser is null)
        {
            return;
        }

        await using var shop = await LoopbackReceiver.StartAsync();
        var html = ShopPage(sdkName == "raven-js" ? RavenScript(_project.Dsn) : SentryScript(_project.Dsn));
        shop.Respond = request => Task.FromResult(request.Path switch
        {
            "/sdk.js" => Results.Content(sdk, "text/javascript; charset=utf-8"),
            "/" => Results.Content(html, "text/html; charset=utf-8"),
            _ => Results.NotFound(),
        });
        var page = await browser.NewPageAsync();
        page.Console += (_, message) => output.WriteLine("console: " + message.Text);
        await page.GotoAsync(shop.Url.ToString());
        await page.Locator("#pay").ClickAsync();

        var dialog = page.Locator("#bugsink-report-dialog");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Sorry, something went wrong");
        // The SDK passes the user it was given in the query; the dialog fills them in.
        await Assertions.Expect(dialog.GetByLabel("Name")).ToHaveValueAsync("Ada");
        await Assertions.Expect(dialog.GetByLabel("Email")).ToHaveValueAsync("ada@example.com");
        await dialog.GetByLabel("Name").FillAsync("Ada Lovelace");
        await dialog.GetByLabel("What happened?").FillAsync("I pressed Pay <b>twice</b> and it froze");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#bugsink-report-sent")).ToHaveTextAsync("Thank you: your report was sent.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        if (sdkName != "raven-js")
        {
            // raven-js has no onClose; @sentry/browser's is called through the window message the dialog posts.
            await page.WaitForFunctionAsync("() => window.dialogClosed === true");
        }

        var eventId = await page.EvaluateAsync<string>("() => window.crashId");
        await _server.WaitForEventsAsync(eventId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_server.Count("SELECT count(*) FROM EventAttachments WHERE ItemType = 'user_report' AND EventId = $e", ("$e", eventId)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The report was not stored in time.");
            await Task.Delay(50);
        }

        using var admin = await _server.LogInAsync("admin@example.com");
        var issueId = _server.Count("SELECT IssueId FROM Events WHERE EventId = $e", ("$e", eventId));
        var section = (await admin.GetAsync($"/issues/{issueId}/")).Get("section.feedback");
        Assert.Contains("Ada Lovelace", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("ada@example.com", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("I pressed Pay <b>twice</b> and it froze", section.TextContent, StringComparison.Ordinal);
        Assert.Empty(section.QuerySelectorAll("b"));
    }

    private static string ShopPage(string script) => $$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Shop</title><script src="/sdk.js"></script></head>
        <body><button id="pay">Pay</button>
        <script>{{script}}</script></body></html>
        """;

    private static string SentryScript(string dsn) => $$"""
        Sentry.init({ dsn: {{JsonSerializer.Serialize(dsn)}}, debug: true });
        document.getElementById('pay').addEventListener('click', function () {
          try {
            throw new Error('Checkout exploded');
          } catch (error) {
            window.crashId = Sentry.captureException(error);
            Sentry.showReportDialog({ eventId: window.crashId, user: { name: 'Ada', email: 'ada@example.com' }, onClose: function () { window.dialogClosed = true; } });
          }
        });
        """;

    // raven-js sends to /api/{id}/store/ and asks for the dialog with eventId, dsn, name and email in the query.
    private static string RavenScript(string dsn) => $$"""
        Raven.config({{JsonSerializer.Serialize(dsn)}}).install();
        document.getElementById('pay').addEventListener('click', function () {
          try {
            throw new Error('Checkout exploded');
          } catch (error) {
            Raven.captureException(error);
            window.crashId = Raven.lastEventId();
            Raven.showReportDialog({ eventId: window.crashId, user: { name: 'Ada', email: 'ada@example.com' } });
          }
        });
        """;

    private async Task<string?> ReadRavenAsync()
    {
        var script = RepositoryRoot() is { } root ? Path.Combine(root, "tests", "e2e", "browser", "node_modules", "raven-js", "dist", "raven.min.js") : null;
        return script is not null && File.Exists(script) ? await File.ReadAllTextAsync(script) : Missing("raven-js (npm ci in tests/e2e/browser)");
    }

    // @sentry/browser as one script defining window.Sentry, as its CDN bundle would.
    private async Task<string?> BundleSdkAsync()
    {
        var folder = RepositoryRoot() is { } root ? Path.Combine(root, "tests", "e2e", "browser") : null;
        var esbuild = folder is null ? null : Path.Combine(folder, "node_modules", ".bin", "esbuild");
        var entry = folder is null ? null : Path.Combine(folder, "node_modules", "@sentry", "browser", "build", "npm", "esm", "prod", "index.js");
        if (esbuild is null || !File.Exists(esbuild) || !File.Exists(entry))
        {
            return Missing("@sentry/browser or esbuild (npm ci in tests/e2e/browser)");
        }

        var outFile = Path.Combine(Path.GetTempPath(), "bugsink-sentry-browser-" + Guid.NewGuid().ToString("N") + ".js");
        var start = new ProcessStartInfo(esbuild) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { entry, "--bundle", "--format=iife", "--global-name=Sentry", "--minify", "--log-level=warning", "--outfile=" + outFile })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "esbuild failed: " + errors);
        try
        {
            return await File.ReadAllTextAsync(outFile);
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    private string? Missing(string what)
    {
        var message = what + " is missing: this browser test did not run.";
        Assert.False(SampleEvents.RequireAll, message);
        output.WriteLine(message);
        Skip.If(true, message);
        return null;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bugsink.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
