using System.Text;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// Discord webhooks: one embed per listed issue (at most 10 per message), with Discord's documented
// limits: title 256, description 4096, field name 256 and value 1024, 25 fields, and 6000 characters
// over all embeds together. allowed_mentions is empty, so nothing in the message can notify anyone;
// event data is escaped as well (ChannelText.Discord), so it cannot render mentions or masked links.
public static class DiscordMessage
{
    public const int TitleMax = 256;
    public const int DescriptionMax = 4096;
    public const int FieldValueMax = 1024;
    public const int TotalMax = 6000;

    private const int Red = 0xE03E2F;

    public static JsonObject Compose(ChannelAlert alert)
    {
        var embeds = new JsonArray();
        // Split the 6000 characters between the embeds (and keep room for the facts of each).
        var listed = alert.Issues.Take(ChannelMessage.MaxListedIssues).ToList();
        var share = (TotalMax - 600) / Math.Max(1, listed.Count);
        var titleMax = alert.IsDigest ? 100 : TitleMax;
        var valueMax = alert.IsDigest ? 30 : 50;
        var budget = Math.Clamp(share - titleMax - (7 * (12 + valueMax)), 100, DescriptionMax);
        foreach (var issue in listed)
        {
            var description = new StringBuilder();
            if (!alert.IsDigest && alert.Explanation is { } explanation)
            {
                description.Append(ChannelText.Discord(explanation, budget / 4)).Append('\n');
            }

            description.Append("**").Append(ChannelText.Discord(issue.Title, budget / 2)).Append("**");
            if (issue.Culprit is { Length: > 0 } culprit)
            {
                description.Append('\n').Append(ChannelText.Discord(culprit, budget / 4 - 10));
            }

            var fields = new JsonArray();
            foreach (var (label, value) in ChannelMessage.Facts(alert, issue))
            {
                fields.Add(new JsonObject { ["name"] = label, ["value"] = ChannelText.Discord(value, valueMax), ["inline"] = true });
            }

            embeds.Add(new JsonObject
            {
                // The title is ours (headline and label); the project's name is escaped all the same.
                ["title"] = ChannelText.Discord($"{alert.Headline}: {issue.Label} in {alert.ProjectName}", titleMax),
                ["url"] = issue.Url,
                ["description"] = description.ToString(),
                ["color"] = Red,
                ["fields"] = fields,
            });
        }

        if (listed.Count == 0)
        {
            embeds.Add(new JsonObject
            {
                ["title"] = ChannelText.Discord(ChannelMessage.Title(alert), TitleMax),
                ["url"] = alert.SettingsUrl,
                ["description"] = ChannelText.Discord(alert.Explanation, 1000),
                ["color"] = Red,
            });
        }

        return new JsonObject
        {
            ["content"] = ChannelMessage.More(alert) ?? "",
            ["embeds"] = embeds,
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }
}
