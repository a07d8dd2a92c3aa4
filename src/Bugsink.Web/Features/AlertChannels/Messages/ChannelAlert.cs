namespace Bugsink.Web.Features.AlertChannels.Messages;

// Everything a chat or webhook message says, read at send time. Strings other than Headline, the URLs
// and Trigger came from outside (event data, or names people typed): every formatter escapes them.
public sealed record ChannelAlert(
    string Trigger,
    string Headline,
    string? Explanation,
    string? Reason,
    long ProjectId,
    string ProjectName,
    string ProjectSlug,
    IReadOnlyList<ChannelIssue> Issues,
    string? Release,
    string? Environment,
    string SettingsUrl)
{
    public bool IsDigest => Issues.Count > 1;
}

public sealed record ChannelIssue(
    long Id, string Label, string Title, string? Culprit, string Level, long EventCount, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string Url);
