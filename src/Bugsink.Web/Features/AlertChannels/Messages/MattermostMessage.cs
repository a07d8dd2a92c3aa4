using System.Text;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// Mattermost incoming webhooks: one Markdown "text" of at most 16,383 characters (its documented post
// limit). Event data goes through ChannelText.Mattermost: no @channel, @all, @here, <!channel> or links.
public static class MattermostMessage
{
    public const int TextMax = 16_383;

    public static JsonObject Compose(ChannelAlert alert)
    {
        var text = new StringBuilder();
        text.Append("#### ").Append(ChannelText.Mattermost(ChannelMessage.Title(alert), 300)).Append('\n');
        if (alert.Explanation is { } explanation)
        {
            text.Append(ChannelText.Mattermost(explanation, 1000)).Append('\n');
        }

        var titleMax = alert.IsDigest ? 300 : 1000;
        foreach (var issue in alert.Issues.Take(ChannelMessage.MaxListedIssues))
        {
            text.Append("\n**").Append(ChannelText.Mattermost(issue.Title, titleMax)).Append("**\n");
            if (issue.Culprit is { Length: > 0 } culprit)
            {
                text.Append(ChannelText.Mattermost(culprit, titleMax / 2)).Append('\n');
            }

            foreach (var (label, value) in ChannelMessage.Facts(alert, issue))
            {
                text.Append("- ").Append(label).Append(": ").Append(ChannelText.Mattermost(value, 200)).Append('\n');
            }

            text.Append('[').Append("Open ").Append(ChannelText.Mattermost(issue.Label, 100)).Append("](").Append(issue.Url).Append(")\n");
        }

        if (ChannelMessage.More(alert) is { } more)
        {
            text.Append('\n').Append(more).Append('\n');
        }

        text.Append("\n[Alert settings](").Append(alert.SettingsUrl).Append(')');
        var body = text.ToString();
        // Lines are already cut one by one; this only guards the sum. Cutting a line's end never opens markup.
        var cut = char.IsHighSurrogate(body[Math.Min(body.Length, TextMax - 1) - 1]) ? TextMax - 2 : TextMax - 1;
        return new JsonObject { ["text"] = body.Length <= TextMax ? body : body[..cut] + ChannelText.Ellipsis };
    }
}
