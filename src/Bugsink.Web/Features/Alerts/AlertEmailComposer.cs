using System.Globalization;
using System.Text;
using Bugsink.Sentry.Events;

namespace Bugsink.Web.Features.Alerts;

// Facts → subject, plain text and HTML. Event strings are made single-line where a line is expected and
// shortened where length would hurt (the subject); escaping is left to the HTML renderer.
public static class AlertEmailComposer
{
    // A digest lists this many issues and counts the rest.
    public const int MaxDigestEntries = 50;

    private const int MaxSubjectTitle = 150;

    public static AlertEmail Compose(AlertFacts facts, AlertLinks links)
    {
        var content = facts.IsDigest ? Digest(facts, links) : Single(facts, links);
        return new AlertEmail(content.Subject, AlertEmailText.Render(content), AlertEmailHtml.Render(content));
    }

    public static string Headline(AlertKind kind) => kind switch
    {
        AlertKind.NewIssue => "New issue",
        AlertKind.Regression => "Regression",
        AlertKind.Unmute => "Unmuted",
        AlertKind.Volume => "Volume",
        AlertKind.Assignment => "Assigned",
        _ => "Alert",
    };

    private static AlertEmailContent Single(AlertFacts facts, AlertLinks links)
    {
        var issue = facts.Issues[0];
        var title = OneLine(issue.Title);
        var label = Label(facts, issue);
        List<KeyValuePair<string, string>> rows =
        [
            new("Project", OneLine(facts.ProjectName)),
            new("Issue", label),
        ];
        Add(rows, "Culprit", issue.Culprit);
        rows.Add(new("First seen", Time(issue.FirstSeen)));
        Add(rows, "Release", facts.Event?.Release);
        Add(rows, "Environment", facts.Event?.Environment);
        rows.Add(new("Events", issue.EventCount.ToString("N0", CultureInfo.InvariantCulture)));
        return new AlertEmailContent(
            Subject: $"[{OneLine(facts.ProjectName)}] {Headline(facts.Kind)}: {Shorten(title, MaxSubjectTitle)}",
            Heading: $"{Headline(facts.Kind)} in {OneLine(facts.ProjectName)}",
            ProjectName: OneLine(facts.ProjectName),
            IssueTitle: title,
            Explanation: Explain(facts.Kind, facts.Reason),
            Facts: rows,
            FrameLines: FrameLines(facts.Event?.CrashFrame),
            DigestEntries: [],
            DigestOmitted: 0,
            IssueUrl: links.Issue(issue.Id),
            IssueLabel: label,
            SettingsUrl: links.ProjectSettings(facts.ProjectId),
            WhyYou: WhyYou(facts));
    }

    private static AlertEmailContent Digest(AlertFacts facts, AlertLinks links)
    {
        var project = OneLine(facts.ProjectName);
        var count = facts.Issues.Count.ToString(CultureInfo.InvariantCulture);
        var entries = facts.Issues.Take(MaxDigestEntries).Select(issue => new DigestEntry(
            Label(facts, issue),
            OneLine(issue.Title),
            string.Create(CultureInfo.InvariantCulture, $"{issue.EventCount:N0} events, first seen {Time(issue.FirstSeen)}")
                + (string.IsNullOrWhiteSpace(issue.Culprit) ? "" : ", in " + OneLine(issue.Culprit)),
            links.Issue(issue.Id))).ToList();
        return new AlertEmailContent(
            Subject: $"[{project}] {count} new issues",
            Heading: $"{count} new issues in {project}",
            ProjectName: project,
            IssueTitle: null,
            Explanation: "These issues appeared shortly after one another; they are sent together to keep your inbox calm.",
            Facts: [],
            FrameLines: [],
            DigestEntries: entries,
            DigestOmitted: facts.Issues.Count - entries.Count,
            IssueUrl: null,
            IssueLabel: null,
            SettingsUrl: links.ProjectSettings(facts.ProjectId),
            WhyYou: WhyYou(facts));
    }

    // The footer: why this reader gets the email. Administrators get it only in place of a team with nobody.
    private static string WhyYou(AlertFacts facts) => facts.TeamWithoutRecipients is { } team
        ? $"You receive this as an administrator: the team {OneLine(team)} of {OneLine(facts.ProjectName)} has no members who receive email alerts. Add someone to it, or let a member turn alerts on."
        : $"You receive this as a member of the team of {OneLine(facts.ProjectName)}.";

    public static string? Explain(AlertKind kind, string? reason) => (kind, reason) switch
    {
        (AlertKind.Regression, { Length: > 0 } release) => $"It was resolved, and happened again in release {OneLine(release)}.",
        (AlertKind.Regression, _) => "It was resolved, and happened again.",
        (AlertKind.Unmute, "time") => "It was muted for a while; that time is over and it happened again.",
        (AlertKind.Unmute, "volume") => "It was muted until it happened more often than the mute allowed, and now it did.",
        (AlertKind.Unmute, { Length: > 0 } other) => $"It is no longer muted ({OneLine(other)}).",
        (AlertKind.Unmute, _) => "It is no longer muted.",
        (AlertKind.Volume, var rule) => $"It happened {AlertChannels.VolumeAlertCounter.Describe(rule)}.",
        _ => null,
    };

    // The frame where it crashed: where, then the source line when the SDK sent it.
    private static List<string> FrameLines(StackFrameData? frame)
    {
        if (frame is null)
        {
            return [];
        }

        var where = new StringBuilder(OneLine(frame.Filename ?? frame.AbsPath ?? frame.Module ?? frame.Package ?? "?"));
        if (frame.LineNo is { } line)
        {
            where.Append(CultureInfo.InvariantCulture, $", line {line}");
        }

        if (frame.ColNo is { } column)
        {
            where.Append(CultureInfo.InvariantCulture, $", column {column}");
        }

        if ((frame.Function ?? frame.RawFunction) is { Length: > 0 } function)
        {
            where.Append(" in ").Append(OneLine(function));
        }

        List<string> lines = [where.ToString()];
        if (!string.IsNullOrWhiteSpace(frame.ContextLine))
        {
            lines.Add("> " + Shorten(OneLine(frame.ContextLine).Trim(), 200));
        }

        return lines;
    }

    private static string Label(AlertFacts facts, IssueFacts issue) =>
        string.Create(CultureInfo.InvariantCulture, $"{OneLine(facts.ProjectSlug)}-{issue.Number}");

    private static void Add(List<KeyValuePair<string, string>> rows, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            rows.Add(new(label, OneLine(value)));
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    // Control characters (line breaks above all) from event data must not start new header or text lines.
    private static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    private static string Shorten(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        // Never cut a surrogate pair in half: the subject would end in an invalid character.
        var cut = char.IsHighSurrogate(value[max - 2]) ? max - 2 : max - 1;
        return string.Concat(value.AsSpan(0, cut), "…");
    }
}
