using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// The body of one message in the channel kind's own format. Every formatter escapes event data for its
// service and keeps within the service's documented limits by cutting text, never by failing.
public static class ChannelMessage
{
    // At most this many issues of a digest are listed; the rest are counted.
    public const int MaxListedIssues = 10;

    public static string Compose(string kind, ChannelAlert alert) => Serialize(kind switch
    {
        ChannelKinds.Slack => SlackMessage.Compose(alert),
        ChannelKinds.Mattermost => MattermostMessage.Compose(alert),
        ChannelKinds.Discord => DiscordMessage.Compose(alert),
        ChannelKinds.Teams => TeamsMessage.Compose(alert),
        _ => WebhookMessage.Compose(alert),
    });

    public static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    // "New issue in Shop", "Regression in Shop": our words and the project's name (typed by a team admin).
    public static string Title(ChannelAlert alert) => $"{alert.Headline} in {alert.ProjectName}";

    // The facts of one issue as (label, value) pairs, unescaped; each formatter escapes them.
    public static IEnumerable<(string Label, string Value)> Facts(ChannelAlert alert, ChannelIssue issue)
    {
        yield return ("Level", issue.Level);
        yield return ("Events", ChannelText.Count(issue.EventCount));
        yield return ("First seen", ChannelText.Time(issue.FirstSeen));
        yield return ("Last seen", ChannelText.Time(issue.LastSeen));
        if (!alert.IsDigest && alert.Release is { Length: > 0 } release)
        {
            yield return ("Release", release);
        }

        if (!alert.IsDigest && alert.Environment is { Length: > 0 } environment)
        {
            yield return ("Environment", environment);
        }
    }

    public static string? More(ChannelAlert alert) => alert.Issues.Count > MaxListedIssues
        ? $"and {alert.Issues.Count - MaxListedIssues:N0} more"
        : null;
}
