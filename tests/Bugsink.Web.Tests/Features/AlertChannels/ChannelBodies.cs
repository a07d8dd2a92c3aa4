using System.Text;
using System.Text.Json;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// Each service's documented schema and limits, checked on a body as the receiver got it, and the
// injections event data must not achieve in any of them.
public static class ChannelBodies
{
    // Mentions, markup, links and newlines, 10 KB of them.
    public static readonly string HostileTitle = string.Concat(Enumerable.Repeat(
        "<!channel> <!here> <!everyone> @channel @all @here @everyone <http://evil.example|click> [click](http://evil.example) **bold** \n# head\r\n{{DATE()}} ", 80))[..10_240];

    public static void AssertSlack(JsonElement body)
    {
        Assert.True(body.GetProperty("text").GetString()!.Length <= 3000);
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Assert.Equal("plain_text", block.GetProperty("text").GetProperty("type").GetString());
                    Assert.InRange(block.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 150);
                    break;
                case "section":
                    Assert.Equal("mrkdwn", block.GetProperty("text").GetProperty("type").GetString());
                    Assert.InRange(block.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 3000);
                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Assert.InRange(fields.GetArrayLength(), 1, 10);
                        Assert.All(fields.EnumerateArray(), f => Assert.InRange(f.GetProperty("text").GetString()!.Length, 1, 2000));
                    }

                    break;
                case "context":
                    Assert.InRange(block.GetProperty("elements").GetArrayLength(), 1, 10);
                    break;
                default:
                    Assert.Fail("Unexpected block " + block);
                    break;
            }
        }

        var raw = body.GetRawText();
        var text = Texts(body);
        Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<http://evil", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@channel", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n#", text, StringComparison.Ordinal);
        Assert.NotEmpty(raw);
    }

    public static void AssertMattermost(JsonElement body)
    {
        var text = body.GetProperty("text").GetString()!;
        Assert.InRange(text.Length, 1, 16_383);
        foreach (var mention in new[] { "@channel", "@all", "@here", "<!channel>", "](http://evil", "<http://evil", "**bold**" })
        {
            Assert.DoesNotContain(mention, text, StringComparison.Ordinal);
        }
    }

    public static void AssertDiscord(JsonElement body)
    {
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.True(body.GetProperty("content").GetString()!.Length <= 2000);
        var embeds = body.GetProperty("embeds").EnumerateArray().ToList();
        Assert.InRange(embeds.Count, 1, 10);
        var total = 0;
        foreach (var embed in embeds)
        {
            var title = embed.GetProperty("title").GetString()!;
            var description = embed.GetProperty("description").GetString()!;
            Assert.InRange(title.Length, 1, 256);
            Assert.InRange(description.Length, 0, 4096);
            total += title.Length + description.Length;
            if (embed.TryGetProperty("fields", out var fields))
            {
                Assert.InRange(fields.GetArrayLength(), 0, 25);
                foreach (var field in fields.EnumerateArray())
                {
                    Assert.InRange(field.GetProperty("name").GetString()!.Length, 1, 256);
                    Assert.InRange(field.GetProperty("value").GetString()!.Length, 1, 1024);
                    total += field.GetProperty("name").GetString()!.Length + field.GetProperty("value").GetString()!.Length;
                }
            }
        }

        Assert.True(total <= 6000, $"{total} characters in the embeds");
        var text = Texts(body);
        foreach (var mention in new[] { "@everyone", "@here", "](http://evil", "**bold**" })
        {
            Assert.DoesNotContain(mention, text, StringComparison.Ordinal);
        }
    }

    public static void AssertTeams(JsonElement body, int rawBytes)
    {
        Assert.True(rawBytes <= 28 * 1024, $"{rawBytes} bytes");
        Assert.Equal("message", body.GetProperty("type").GetString());
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        foreach (var element in card.GetProperty("body").EnumerateArray())
        {
            // TextBlock and FactSet render Markdown; event data must only ever be in TextRuns.
            Assert.Equal("RichTextBlock", element.GetProperty("type").GetString());
            Assert.All(element.GetProperty("inlines").EnumerateArray(), run => Assert.Equal("TextRun", run.GetProperty("type").GetString()));
        }

        Assert.DoesNotContain("{{DATE", Texts(body), StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", Texts(body), StringComparison.Ordinal);
    }

    // Every string value in the body, joined: what a service would read as text.
    public static string Texts(JsonElement element)
    {
        var builder = new StringBuilder();
        Collect(element, builder);
        return builder.ToString();
    }

    private static void Collect(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                builder.Append(element.GetString()).Append('\u0001');
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, builder);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, builder);
                }

                break;
        }
    }
}
