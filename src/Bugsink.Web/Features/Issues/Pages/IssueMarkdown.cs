using System.Globalization;
using System.Text;

namespace Bugsink.Web.Features.Issues.Pages;

// A plain-text Markdown summary to paste into a ticket; served as a download, never rendered here.
public static class IssueMarkdown
{
    public static string Write(Issue issue, string friendlyId, string? state, StoredEvent? stored, EventView view)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {friendlyId}: {issue.Title}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- State: {state ?? "open"}\n- Events: {issue.EventCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"- First seen: {IssueText.Exact(issue.FirstSeen)}\n- Last seen: {IssueText.Exact(issue.LastSeen)}\n");
        if (stored is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"- Event: {stored.EventId} ({IssueText.Exact(stored.Timestamp)})\n");
            text.Append(CultureInfo.InvariantCulture, $"- Release: {stored.Release ?? "-"}, environment: {stored.Environment ?? "-"}\n");
        }

        for (var i = 0; i < view.Exceptions.Count; i++)
        {
            var exception = view.Exceptions[i];
            text.Append(CultureInfo.InvariantCulture, $"\n## {(i == 0 ? "" : "Caused by: ")}{exception.Type}: {exception.Value}\n\n```\n");
            foreach (var frame in exception.Frames)
            {
                text.Append(CultureInfo.InvariantCulture, $"  at {frame.Function ?? "?"} ({frame.Location}{(frame.LineColumn is null ? "" : ":" + frame.LineColumn)})\n");
            }

            text.Append("```\n");
        }

        return text.ToString();
    }
}
