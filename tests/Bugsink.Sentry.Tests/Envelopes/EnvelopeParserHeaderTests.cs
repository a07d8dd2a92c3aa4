using Bugsink.Sentry.Envelopes;

namespace Bugsink.Sentry.Tests.Envelopes;

public class EnvelopeParserHeaderTests
{
    [Theory]
    [InlineData("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}", "9ec79c33ec9942ab8353589fcb2e04dc", false)]
    [InlineData("{\"event_id\":\"9EC79C33EC9942AB8353589FCB2E04DC\"}", "9ec79c33ec9942ab8353589fcb2e04dc", false)]
    [InlineData("{\"event_id\":\"9ec79c33-ec99-42ab-8353-589fcb2e04dc\"}", "9ec79c33ec9942ab8353589fcb2e04dc", false)]
    [InlineData("{\"event_id\":\"{9ec79c33-ec99-42ab-8353-589fcb2e04dc}\"}", "9ec79c33ec9942ab8353589fcb2e04dc", false)]
    [InlineData("{\"event_id\":\"\\u0039ec79c33ec9942ab8353589fcb2e04dc\"}", "9ec79c33ec9942ab8353589fcb2e04dc", false)]
    [InlineData("{}", null, false)]
    [InlineData("{\"event_id\":null}", null, false)]
    [InlineData("{\"event_id\":\"not-a-uuid\"}", null, true)]
    [InlineData("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04d\"}", null, true)]
    [InlineData("{\"event_id\":\"9ec79c33-ec9942ab-8353-589fcb2e04dc\"}", null, true)]
    [InlineData("{\"event_id\":42}", null, true)]
    [InlineData("{\"event_id\":{\"nested\":true}}", null, true)]
    public void EventIdHeader_IsNormalisedOrFlagged(string header, string? eventId, bool invalid)
    {
        var result = EnvelopeBytes.Parse(header + "\n");

        Assert.True(result.IsSuccess, string.Join("; ", result.Causes));
        Assert.Equal(eventId, result.Envelope.Header.EventId);
        Assert.Equal(invalid, result.Envelope.Header.EventIdInvalid);
    }

    [Theory]
    [InlineData("{\"dsn\":\"https://e12d836b15bb49d7bbf99e64295d995b@errors.example.com/42\"}", "https://e12d836b15bb49d7bbf99e64295d995b@errors.example.com/42")]
    [InlineData("{\"dsn\":null}", null)]
    [InlineData("{\"dsn\":17,\"sdk\":{\"name\":\"x\"},\"trace\":[1,2]}", null)]
    public void DsnHeader_IsReadWhenString(string header, string? dsn)
    {
        var result = EnvelopeBytes.Parse(header);

        Assert.True(result.IsSuccess);
        Assert.Equal(dsn, result.Envelope.Header.Dsn);
    }

    [Theory]
    [InlineData("  \n\t{}\n{\"type\":\"event\"}\n{}", "{}")]
    [InlineData("{ \"sdk\" : { \"name\" : \"x\" } }\n", "{ \"sdk\" : { \"name\" : \"x\" } }")]
    public void HeaderRaw_IsTheJsonObjectWithoutSurroundingWhitespace(string envelope, string raw)
    {
        var result = EnvelopeBytes.Parse(envelope);

        Assert.True(result.IsSuccess);
        Assert.Equal(EnvelopeBytes.Of(raw).ToArray(), result.Envelope.Header.Raw.ToArray());
    }

    [Theory]
    [InlineData(" \n\t ", "missing envelope header")]
    [InlineData("[]\n", "envelope header is not a JSON object")]
    [InlineData("\"text\"\n", "envelope header is not a JSON object")]
    [InlineData("{\"event_id\":\n", "envelope header is not valid JSON (byte 12)")]
    [InlineData("{} \n", "missing newline after header or payload")]
    [InlineData("{}{}\n", "missing newline after header or payload")]
    [InlineData("{\"sdk\":\"\u00FF\"}\n", "envelope header is not valid UTF-8")]
    [InlineData("{}\n{\"type\":\"event\u00C3\"}\n{}", "item header is not valid UTF-8")]
    [InlineData("{}\n{\"type\":\"event\",}\n{}", "item header is not valid JSON (byte 16)")]
    [InlineData("{}\n[\"event\"]\n{}", "item header is not a JSON object")]
    [InlineData("{}\n{\"type\":7}\n{}", "invalid item header: type is not a string")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":-1}\n{}", "invalid item header: length is not a non-negative integer")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":2.5}\n{}", "invalid item header: length is not a non-negative integer")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":\"2\"}\n{}", "invalid item header: length is not a non-negative integer")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":99999999999}\n{}", "invalid item header: length is not a non-negative integer")]
    public void MalformedHeader_Returns400WithCause(string envelope, string cause)
    {
        var result = EnvelopeBytes.Parse(envelope);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(EnvelopeParseResult.InvalidEnvelopeDetail, result.Detail);
        Assert.Equal([cause], result.Causes);
    }

    [Fact]
    public void EmptyBody_Returns400EmptyRequestBody()
    {
        var result = EnvelopeParser.Parse(ReadOnlyMemory<byte>.Empty, EnvelopeLimits.Default);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("empty request body", result.Detail);
    }

    [Fact]
    public void AttachmentHeader_ExposesItsFields()
    {
        var result = EnvelopeBytes.Parse(
            "{}\n{\"type\":\"attachment\",\"length\":3,\"filename\":\"a.txt\",\"attachment_type\":\"event.minidump\",\"content_type\":null,\"x\":[{}]}\nabc\n");

        Assert.True(result.IsSuccess);
        var item = Assert.Single(result.Envelope.Items);
        Assert.Equal(("attachment", "a.txt", "event.minidump", (string?)null, (long?)3), (item.Type, item.Filename, item.AttachmentType, item.ContentType, item.DeclaredLength));
        Assert.Same(ItemTypes.Attachment, item.Type);
    }

    [Fact]
    public void LengthNull_MeansImplicitLength()
    {
        var result = EnvelopeBytes.Parse("{}\n{\"type\":\"event\",\"length\":null}\n{\"a\":1}\n");

        Assert.True(result.IsSuccess);
        Assert.Equal("event={\"a\":1}", EnvelopeBytes.Describe(result.Envelope));
        Assert.Null(result.Envelope.Items[0].DeclaredLength);
    }
}
