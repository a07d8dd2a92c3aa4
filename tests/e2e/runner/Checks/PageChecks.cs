using System.Globalization;
using Bugsink.E2E.Pages;
using Bugsink.E2E.Sdks;

namespace Bugsink.E2E.Checks;

// The scenario as a signed-in person sees it in the HTML pages: the project's issue list, and each
// expected issue's page (and its in-app-only view), read with a real HTML parser. One report line per item.
public sealed partial class PageChecks
{
    private readonly SdkSpec _spec;
    private readonly byte[] _attachment;
    private readonly List<Expected> _expected;
    private readonly Dictionary<string, (IssuePage Page, IssuePage InAppOnly)> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);
    private List<(string Title, string Level, string Href)> _listed = [];
    private string? _broken;
    private (byte[] Bytes, string? MediaType, string? Disposition)? _download;
    private string? _downloadProblem;
    private SiteBrowser? _browser;

    private PageChecks(SdkSpec spec, byte[] attachment)
    {
        _spec = spec;
        _attachment = attachment;
        _expected = [];
        if (spec.HandledException is { } handled)
        {
            _expected.Add(new Expected("handled", handled.Title, handled.Level, handled));
        }

        if (spec.UnhandledException is { } unhandled)
        {
            _expected.Add(new Expected("unhandled", unhandled.Title, unhandled.Level, unhandled));
        }

        if (spec.Message is { } message)
        {
            _expected.Add(new Expected("message", message.Title, message.Level, null));
        }
    }

    // Not run: missing tools (failures under BUGSINK_REQUIRE_ALL_TESTS=1, else skipped), or no way in.
    public static IEnumerable<CheckResult> NotRun(SdkSpec spec, string why, bool counts, bool skipped) =>
        new PageChecks(spec, []) { _broken = why }.Evaluate(counts, skipped);

    public static async Task<IEnumerable<CheckResult>> RunAsync(SdkSpec spec, SiteBrowser browser, long projectId, byte[] attachment)
    {
        var checks = new PageChecks(spec, attachment) { _browser = browser };
        await checks.LoadAsync(projectId);
        return checks.Evaluate(counts: true, skipped: false);
    }

    private async Task LoadAsync(long projectId)
    {
        try
        {
            // The list a person lands on: the project's open issues.
            var list = await _browser!.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/projects/{projectId}/issues/"));
            _listed = [.. list.QuerySelectorAll("table.issue-list tbody tr").Select(row => (
                Title: row.QuerySelector("a.issue-title")?.TextContent.Trim() ?? "",
                Level: row.QuerySelector(".badge")?.TextContent.Trim() ?? "",
                Href: row.QuerySelector("a.issue-title")?.GetAttribute("href") ?? ""))];
            foreach (var expected in _expected)
            {
                var rows = _listed.Where(r => r.Title == expected.Title).ToList();
                if (rows.Count != 1)
                {
                    _missing[expected.Title] = $"{rows.Count} rows titled '{expected.Title}' on the issue list (listed: {string.Join(" | ", _listed.Select(r => r.Title))})";
                    continue;
                }

                // Followed the way a person clicks: the link's own href.
                var page = new IssuePage(await _browser.GetAsync(rows[0].Href));
                var inApp = new IssuePage(await _browser.GetAsync(rows[0].Href + "?inapp=true"));
                _pages[expected.Title] = (page, inApp);
            }

            if (_spec.SendsAttachment)
            {
                await DownloadAttachmentAsync();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            _broken = exception.Message;
        }
    }

    // The attachment belongs to the handled exception's event: its page offers it as a download link.
    private async Task DownloadAttachmentAsync()
    {
        if (_spec.HandledException is not { } handled || !_pages.TryGetValue(handled.Title, out var pages))
        {
            _downloadProblem = "the handled exception's page is missing, so there is no download link to follow";
            return;
        }

        var links = pages.Page.Downloads.Where(l => l.Text.StartsWith("e2e-attachment.bin", StringComparison.Ordinal)).ToList();
        if (links.Count != 1)
        {
            _downloadProblem = $"{links.Count} download links for e2e-attachment.bin on {pages.Page.Url} (links: {string.Join(" | ", pages.Page.Downloads.Select(l => l.Text))})";
            return;
        }

        _download = await _browser!.DownloadAsync(links[0].Href);
    }

    private IEnumerable<CheckResult> Evaluate(bool counts, bool skipped)
    {
        yield return Item("page: issue list shows every issue with its level", IssueList, counts, skipped);
        yield return Item("page: issue title, culprit and level", TitleCulpritLevel, counts, skipped);
        yield return Item("page: release and environment", ReleaseAndEnvironment, counts, skipped);
        yield return Item("page: tags", Tags, counts, skipped);
        yield return Item("page: user", User, counts, skipped);
        yield return Item("page: breadcrumbs", Breadcrumbs, counts, skipped);
        yield return _expected.Any(e => e.Exception is not null)
            ? Item("page: stack trace functions and in-app frames", StackTraces, counts, skipped)
            : CheckResult.NotApplicable(_spec.Name, "page: stack trace functions and in-app frames", "no exception expected");
        yield return _spec.SendsAttachment
            ? Item("page: attachment downloads byte-identical", Attachment, counts, skipped)
            : CheckResult.NotApplicable(_spec.Name, "page: attachment downloads byte-identical", _spec.Name == "aspnetcore" ? "covered by the dotnet console program" : "not supported");
    }

    private CheckResult Item(string name, Action<List<string>> check, bool counts, bool skipped)
    {
        if (_broken is not null)
        {
            return new CheckResult(_spec.Name, name, counts ? false : null, [_broken]) { Skipped = skipped };
        }

        var problems = new List<string>();
        try
        {
            check(problems);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            problems.Add($"check crashed: {exception.Message}");
        }

        return new CheckResult(_spec.Name, name, problems.Count == 0, problems);
    }

    // Runs `check` on the page of every expected issue; a missing page is a problem of each item.
    private void ForEachPage(List<string> problems, Action<Expected, IssuePage, IssuePage> check)
    {
        foreach (var expected in _expected)
        {
            if (_pages.TryGetValue(expected.Title, out var pages))
            {
                check(expected, pages.Page, pages.InAppOnly);
            }
            else
            {
                problems.Add(_missing.GetValueOrDefault(expected.Title) ?? $"no page for '{expected.Title}'");
            }
        }
    }

    private sealed record Expected(string Case, string Title, string Level, ExceptionExpectation? Exception);
}
