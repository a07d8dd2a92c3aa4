using System.Text;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// Microsoft Teams through a Workflows (Power Automate) webhook: a message with one Adaptive Card 1.4
// attachment. Event data is only ever in TextRuns of RichTextBlocks, which Teams renders as plain text
// (TextBlock and FactSet would render Markdown, links included). Cards must stay under 28 KB; each text is
// cut to its share, and issues beyond what fits are counted instead.
public static class TeamsMessage
{
    public const int MaxCardBytes = 28 * 1024;

    public static JsonObject Compose(ChannelAlert alert)
    {
        var body = new JsonArray
        {
            Rich(Run(ChannelText.Plain(ChannelMessage.Title(alert), 300), bold: true, size: "Large")),
        };
        if (alert.Explanation is { } explanation)
        {
            body.Add(Rich(Run(ChannelText.Plain(explanation, 1000))));
        }

        var titleMax = alert.IsDigest ? 300 : 2000;
        foreach (var issue in alert.Issues.Take(ChannelMessage.MaxListedIssues))
        {
            body.Add(Rich(Run(ChannelText.Plain(issue.Title, titleMax), bold: true)));
            if (issue.Culprit is { Length: > 0 } culprit)
            {
                body.Add(Rich(Run(ChannelText.Plain(culprit, titleMax / 2), monospace: true)));
            }

            var facts = new JsonArray();
            foreach (var (label, value) in ChannelMessage.Facts(alert, issue))
            {
                facts.Add(Run(label + ": ", bold: true));
                facts.Add(Run(ChannelText.Plain(value, 200) + "   "));
            }

            body.Add(new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = facts });
            body.Add(Rich(new JsonObject { ["type"] = "TextRun", ["text"] = "Open " + ChannelText.Plain(issue.Label, 100), ["selectAction"] = OpenUrl(issue.Url, null) }));
        }

        if (ChannelMessage.More(alert) is { } more)
        {
            body.Add(Rich(Run(more)));
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = new JsonArray
            {
                OpenUrl(alert.Issues.Count > 0 ? alert.Issues[0].Url : alert.SettingsUrl, alert.Issues.Count > 0 ? "Open in Bugsink" : "Alert settings"),
            },
        };
        // Drop the last listed issues while the card is too big (it cannot be with the cuts above, but a
        // wide script or many emoji weigh more bytes per character than the cuts assume).
        while (Encoding.UTF8.GetByteCount(ChannelMessage.Serialize(card)) > MaxCardBytes - 1024 && body.Count > 2)
        {
            body.RemoveAt(body.Count - 1);
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    private static JsonObject Rich(JsonObject run) => new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray { run } };

    private static JsonObject Run(string text, bool bold = false, string? size = null, bool monospace = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (size is not null)
        {
            run["size"] = size;
        }

        if (monospace)
        {
            run["fontType"] = "Monospace";
        }

        return run;
    }

    private static JsonObject OpenUrl(string url, string? title)
    {
        var action = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = url };
        if (title is not null)
        {
            action["title"] = title;
        }

        return action;
    }
}
