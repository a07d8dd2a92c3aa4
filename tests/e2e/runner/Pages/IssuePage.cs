using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Bugsink.E2E.Pages;

public sealed record PageFrame(string Function, bool InApp);

public sealed record ExceptionBlock(string Type, string Value, IReadOnlyList<PageFrame> Frames);

public sealed record PageBreadcrumb(string Category, string Level, string Message);

public sealed record PageLink(string Text, string Href);

// What the issue page (/issues/{id}/) shows, read from its HTML by the page's own landmarks: the heading,
// the culprit line, the event bar, the Details tables, the Tags panel, Breadcrumbs and the Stack trace.
// Every string is the text a reader sees, whitespace collapsed.
public sealed class IssuePage(IHtmlDocument document)
{
    public string Url => document.Url;

    // "error System.InvalidOperationException: …": the level badge, then the title.
    public string Heading => Text(document.QuerySelector(".issue-head h1"));

    public string Level => Text(document.QuerySelector(".issue-head h1 .badge"));

    public string? Culprit => document.QuerySelector(".issue-head .culprit") is { } culprit ? Text(culprit) : null;

    public string EventBar => Text(document.QuerySelector(".event-bar"));

    // Rows of the Details section titled `title` ("User", "Tags", "Event"…): header cell -> value cell.
    public IReadOnlyDictionary<string, string> Details(string title)
    {
        var section = document.QuerySelectorAll("section[aria-labelledby=details] details.detail-section")
            .FirstOrDefault(d => Text(d.QuerySelector("summary")) == title);
        return section is null
            ? new Dictionary<string, string>()
            : section.QuerySelectorAll("tr").GroupBy(r => Text(r.QuerySelector("th")))
                .ToDictionary(g => g.Key, g => Text(g.First().QuerySelector("td")), StringComparer.Ordinal);
    }

    // The Tags panel: key -> (value, count) rows.
    public IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Count)>> Tags =>
        document.QuerySelectorAll("section[aria-labelledby=tags] table").GroupBy(t => Text(t.QuerySelector("caption")))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<(string, string)>)[.. g.First().QuerySelectorAll("tbody tr").Select(r => (Cell(r, 0), Cell(r, 1)))],
                StringComparer.Ordinal);

    public IReadOnlyList<PageBreadcrumb> Breadcrumbs =>
        [.. document.QuerySelectorAll("table.breadcrumbs tbody tr").Select(r => new PageBreadcrumb(Cell(r, 1), Cell(r, 2), Cell(r, 3)))];

    // Outermost exception first, as the page lists them; each with its frames in page order.
    public IReadOnlyList<ExceptionBlock> Exceptions =>
        [.. document.QuerySelectorAll("section.stacktrace article.exception").Select(a => new ExceptionBlock(
            Text(a.QuerySelector(".exception-type")),
            Text(a.QuerySelector(".exception-value")),
            [.. a.QuerySelectorAll("details.frame").Select(f => new PageFrame(Text(f.QuerySelector(".frame-function")), f.ClassList.Contains("in-app")))]))];

    public IReadOnlyList<PageLink> Downloads =>
        [.. document.QuerySelectorAll(".downloads a").OfType<IHtmlAnchorElement>().Select(a => new PageLink(Text(a), a.Href))];

    private static string Cell(IElement row, int index) => Text(row.QuerySelectorAll("td").ElementAtOrDefault(index));

    private static string Text(IElement? element) =>
        element is null ? "" : string.Join(' ', element.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
