namespace Bugsink.Web.Features.Alerts;

// What an alert email says, before it becomes text or HTML. Values are raw (unescaped): each renderer
// escapes for its own format.
public sealed record AlertEmailContent(
    string Subject,
    string Heading,
    string ProjectName,
    string? IssueTitle,
    string? Explanation,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyList<string> FrameLines,
    IReadOnlyList<DigestEntry> DigestEntries,
    int DigestOmitted,
    string? IssueUrl,
    string? IssueLabel,
    string SettingsUrl,
    string WhyYou);
