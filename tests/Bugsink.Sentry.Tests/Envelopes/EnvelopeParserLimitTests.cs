using System.Text;
using Bugsink.Sentry.Envelopes;

namespace Bugsink.Sentry.Tests.Envelopes;

public class EnvelopeParserLimitTests
{
    private static readonly EnvelopeLimits s_small = new()
    {
        MaxHeaderBytes = 64,
        MaxEventBytes = 10,
        MaxAttachmentBytes = 20,
        MaxAttachmentCount = 2,
        MaxItems = 4,
    };

    [Theory]
    [InlineData("event", 10)]
    [InlineData("transaction", 10)]
    [InlineData("attachment", 20)]
    [InlineData("user_report", 20)]
    [InlineData("replay_recording", 50)]
    [InlineData("unknown_kind", 50)]
    public void ItemAtItsLimit_IsAccepted(string type, int size)
    {
        var result = EnvelopeBytes.Parse(Envelope((type, size)), s_small);

        Assert.True(result.IsSuccess, string.Join("; ", result.Causes));
    }

    [Theory]
    [InlineData("event", 11)]
    [InlineData("transaction", 11)]
    [InlineData("feedback", 11)]
    [InlineData("replay_event", 11)]
    [InlineData("security", 11)]
    [InlineData("form_data", 11)]
    [InlineData("attachment", 21)]
    [InlineData("user_report", 21)]
    public void ItemOverItsLimit_Returns413ForItsType(string type, int size)
    {
        var result = EnvelopeBytes.Parse(Envelope((type, size)), s_small);

        Assert.Equal(413, result.StatusCode);
        Assert.Equal($"envelope exceeded size limits for type '{type}'", result.Detail);
    }

    [Theory]
    [InlineData("event", "event")]
    [InlineData("event", "transaction")]
    [InlineData("transaction", "feedback")]
    [InlineData("feedback", "event")]
    public void SecondEventLikeItem_Returns413(string first, string second)
    {
        var result = EnvelopeBytes.Parse(Envelope((first, 2), (second, 2)), s_small);

        Assert.Equal(413, result.StatusCode);
        Assert.Equal($"envelope exceeded size limits for type '{second}'", result.Detail);
        Assert.Equal(["more than one event, transaction or feedback item"], result.Causes);
    }

    [Theory]
    [InlineData(2, 200)]
    [InlineData(3, 413)]
    public void AttachmentCount_IsCapped(int attachments, int status)
    {
        var items = new (string, int)[attachments];
        Array.Fill(items, ("attachment", 1));

        var result = EnvelopeBytes.Parse(Envelope(items), s_small);

        Assert.Equal(status, result.StatusCode);
    }

    [Theory]
    [InlineData(4, 200)]
    [InlineData(5, 413)]
    public void ItemCount_IsCapped(int count, int status)
    {
        var items = new (string, int)[count];
        Array.Fill(items, ("client_report", 2));

        var result = EnvelopeBytes.Parse(Envelope(items), s_small);

        Assert.Equal(status, result.StatusCode);
    }

    [Theory]
    [InlineData(64, true, 200)]
    [InlineData(65, true, 413)]
    [InlineData(64, false, 200)]
    [InlineData(65, false, 413)]
    public void HeaderLine_IsCappedAtMaxHeaderBytes(int headerLength, bool isEnvelopeHeader, int status)
    {
        // {"p":"xxx"} padded so that the JSON object is exactly headerLength bytes.
        var padded = "{\"p\":\"" + new string('x', headerLength - 8) + "\"}";
        var itemHeader = "{\"type\":\"a\",\"p\":\"" + new string('x', headerLength - 19) + "\"}";
        var envelope = isEnvelopeHeader ? padded + "\n{\"type\":\"a\"}\nz" : "{}\n" + itemHeader + "\nz";

        var result = EnvelopeBytes.Parse(envelope, s_small);

        Assert.Equal(status, result.StatusCode);
    }

    [Fact]
    public void HeaderWithoutNewlineLongerThanLimit_Returns413()
    {
        var result = EnvelopeBytes.Parse("{\"p\":\"" + new string('x', 1000), s_small);

        Assert.Equal(413, result.StatusCode);
        Assert.Equal("envelope exceeded size limits for envelope header", result.Detail);
    }

    private static string Envelope(params (string Type, int Size)[] items)
    {
        var text = new StringBuilder("{}\n");
        foreach (var (type, size) in items)
        {
            text.Append("{\"type\":\"").Append(type).Append("\",\"length\":").Append(size).Append("}\n")
                .Append('x', size).Append('\n');
        }

        return text.ToString();
    }
}
