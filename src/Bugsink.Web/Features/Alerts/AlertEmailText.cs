using System.Text;

namespace Bugsink.Web.Features.Alerts;

// The plain-text part: what a terminal mail reader or a notification preview shows.
public static class AlertEmailText
{
    public static string Render(AlertEmailContent content)
    {
        var text = new StringBuilder();
        text.Append(content.Heading).Append("\n\n");
        if (content.IssueTitle is not null)
        {
            text.Append(content.IssueTitle).Append("\n\n");
        }

        if (content.Explanation is not null)
        {
            text.Append(content.Explanation).Append("\n\n");
        }

        var width = content.Facts.Count == 0 ? 0 : content.Facts.Max(f => f.Key.Length) + 2;
        foreach (var (label, value) in content.Facts)
        {
            text.Append((label + ":").PadRight(width)).Append(value).Append('\n');
        }

        if (content.FrameLines.Count > 0)
        {
            text.Append("\nWhere it crashed:\n");
            foreach (var line in content.FrameLines)
            {
                text.Append("    ").Append(line).Append('\n');
            }
        }

        foreach (var entry in content.DigestEntries)
        {
            text.Append("* ").Append(entry.Label).Append("  ").Append(entry.Title).Append('\n')
                .Append("  ").Append(entry.Summary).Append('\n')
                .Append("  ").Append(entry.Url).Append("\n\n");
        }

        if (content.DigestOmitted > 0)
        {
            text.Append("… and ").Append(content.DigestOmitted).Append(" more.\n");
        }

        if (content.IssueUrl is not null)
        {
            text.Append("\nOpen ").Append(content.IssueLabel).Append(": ").Append(content.IssueUrl).Append('\n');
        }

        text.Append("\n-- \n").Append(content.WhyYou).Append('\n')
            .Append("Alert settings: ").Append(content.SettingsUrl).Append('\n');
        return text.ToString();
    }
}
