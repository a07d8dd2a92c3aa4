using System.Net;
using System.Text;

namespace Bugsink.Web.Features.Alerts;

// The HTML part. Every value goes through Encode (text and attributes alike); the only unencoded strings
// are the fixed markup literals in this file. Styles are inline because mail clients drop <style>.
public static class AlertEmailHtml
{
    private const string Muted = "color:#6b7280;font-size:13px";

    public static string Render(AlertEmailContent content)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#111827;line-height:1.45\">");
        Element(html, "h2", content.Heading, "font-size:18px;margin:0 0 12px");
        if (content.IssueTitle is not null)
        {
            Element(html, "p", content.IssueTitle, "font-size:16px;font-weight:600;margin:0 0 12px;word-break:break-word");
        }

        if (content.Explanation is not null)
        {
            Element(html, "p", content.Explanation, "margin:0 0 12px");
        }

        if (content.Facts.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse;margin:0 0 12px\">");
            foreach (var (label, value) in content.Facts)
            {
                html.Append("<tr>");
                Element(html, "th", label, "text-align:left;padding:2px 16px 2px 0;font-weight:normal;color:#6b7280;vertical-align:top");
                Element(html, "td", value, "padding:2px 0;word-break:break-word");
                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        if (content.FrameLines.Count > 0)
        {
            Element(html, "p", "Where it crashed:", "margin:0 0 4px");
            Element(html, "pre", string.Join('\n', content.FrameLines),
                "background:#f3f4f6;padding:8px;border-radius:4px;white-space:pre-wrap;word-break:break-all;margin:0 0 12px");
        }

        if (content.DigestEntries.Count > 0)
        {
            html.Append("<ul style=\"padding-left:20px;margin:0 0 12px\">");
            foreach (var entry in content.DigestEntries)
            {
                html.Append("<li style=\"margin:0 0 8px\">");
                Link(html, entry.Url, entry.Label);
                html.Append(' ');
                Element(html, "strong", entry.Title, "word-break:break-word");
                html.Append("<br>");
                Element(html, "span", entry.Summary, Muted);
                html.Append("</li>");
            }

            html.Append("</ul>");
            if (content.DigestOmitted > 0)
            {
                Element(html, "p", $"… and {content.DigestOmitted} more.", "margin:0 0 12px");
            }
        }

        if (content.IssueUrl is not null)
        {
            html.Append("<p style=\"margin:16px 0\">");
            Link(html, content.IssueUrl, "Open " + content.IssueLabel);
            html.Append("</p>");
        }

        html.Append("<p style=\"").Append(Muted).Append(";border-top:1px solid #e5e7eb;padding-top:8px;margin-top:24px\">")
            .Append(Encode(content.WhyYou + " "));
        Link(html, content.SettingsUrl, "Alert settings");
        html.Append("</p></body></html>");
        return html.ToString();
    }

    private static void Element(StringBuilder html, string tag, string text, string style) =>
        html.Append('<').Append(tag).Append(" style=\"").Append(style).Append("\">").Append(Encode(text)).Append("</").Append(tag).Append('>');

    private static void Link(StringBuilder html, string url, string text) =>
        html.Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(text)).Append("</a>");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
