using System.Text;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// Slack Block Kit (incoming webhooks): a header, one section per issue with its facts as fields, and a
// context line. Limits from Slack's reference: header text 150, section text 3000, at most 10 fields of
// 2000 each, 50 blocks; the top-level "text" is the notification's fallback. Event data goes through
// ChannelText.Slack: no <!channel>, <!here>, <url|text> or @mentions can come from it.
public static class SlackMessage
{
    public const int HeaderMax = 150;
    public const int SectionMax = 3000;
    public const int FieldMax = 2000;

    public static JsonObject Compose(ChannelAlert alert)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(ChannelText.Raw(ChannelMessage.Title(alert), HeaderMax)) },
        };
        if (alert.Explanation is { } explanation)
        {
            blocks.Add(Section(ChannelText.Slack(explanation, SectionMax)));
        }

        foreach (var issue in alert.Issues.Take(ChannelMessage.MaxListedIssues))
        {
            var text = new StringBuilder()
                .Append('*').Append(ChannelText.Slack(issue.Title, 1000)).Append('*');
            if (issue.Culprit is { Length: > 0 } culprit)
            {
                text.Append('\n').Append(ChannelText.Slack(culprit, 500));
            }

            // The link's text is ours; the URL is ours (BUGSINK_BASE_URL).
            text.Append('\n').Append('<').Append(issue.Url).Append("|Open ").Append(ChannelText.Slack(issue.Label, 100)).Append('>');
            var section = Section(text.ToString());
            var fields = new JsonArray();
            foreach (var (label, value) in ChannelMessage.Facts(alert, issue))
            {
                fields.Add(Mrkdwn($"*{label}*\n{ChannelText.Slack(value, 200)}"));
            }

            section["fields"] = fields;
            blocks.Add(section);
        }

        var footer = ChannelMessage.More(alert) is { } more ? more + " · " : "";
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { Mrkdwn($"{footer}<{alert.SettingsUrl}|Alert settings of {ChannelText.Slack(alert.ProjectName, 200)}>") },
        });
        var fallback = alert.Issues.Count > 0 ? $"{ChannelMessage.Title(alert)}: {alert.Issues[0].Title}" : ChannelMessage.Title(alert);
        return new JsonObject { ["text"] = ChannelText.Slack(fallback, SectionMax), ["blocks"] = blocks };
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };
}
