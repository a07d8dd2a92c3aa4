using System.Text;
using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Tests.Events;

public class EventPayloadScannerTests
{
    [Theory]
    [InlineData("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}", "9ec79c33ec9942ab8353589fcb2e04dc")]
    [InlineData("{\"event_id\":\"9EC79C33EC9942AB8353589FCB2E04DC\"}", "9ec79c33ec9942ab8353589fcb2e04dc")]
    [InlineData("{\"event_id\":\"9ec79c33-ec99-42ab-8353-589fcb2e04dc\"}", "9ec79c33ec9942ab8353589fcb2e04dc")]
    [InlineData("{\"event_id\":\"\\u0039ec79c33ec9942ab8353589fcb2e04dc\"}", "9ec79c33ec9942ab8353589fcb2e04dc")]
    [InlineData("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04d\"}", null)]
    [InlineData("{\"event_id\":\"9ec79c33-ec9942ab-8353-589fcb2e04dc\"}", null)]
    [InlineData("{\"event_id\":\"zzc79c33ec9942ab8353589fcb2e04dc\"}", null)]
    [InlineData("{\"event_id\":12345}", null)]
    [InlineData("{\"event_id\":null}", null)]
    [InlineData("{\"nested\":{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}}", null)]
    public void EventIdForms_NormaliseOrGiveNull(string json, string? expected)
    {
        var scan = EventPayloadScanner.Scan(Encoding.UTF8.GetBytes(json));

        Assert.Equal(PayloadShape.Valid, scan.Shape);
        Assert.Equal(expected, scan.EventId);
    }

    [Theory]
    [InlineData("{\"type\":\"transaction\"}", "transaction")]
    [InlineData("{\"type\":\"event\",\"x\":[1,{\"type\":\"inner\"}]}", "event")]
    [InlineData("{\"contexts\":{\"type\":\"inner\"}}", null)]
    [InlineData("{\"type\":3}", null)]
    public void TopLevelType_IsPicked(string json, string? expected)
    {
        var scan = EventPayloadScanner.Scan(Encoding.UTF8.GetBytes(json));

        Assert.Equal(PayloadShape.Valid, scan.Shape);
        Assert.Equal(expected, scan.Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":/*comment*/1}")]
    public void MalformedPayload_IsNotJsonWithMessage(string json)
    {
        var scan = EventPayloadScanner.Scan(Encoding.UTF8.GetBytes(json));

        Assert.Equal(PayloadShape.NotJson, scan.Shape);
        Assert.False(string.IsNullOrEmpty(scan.Error));
    }

    [Fact]
    public void InvalidUtf8InString_IsNotJson()
    {
        byte[] json = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal(PayloadShape.NotJson, EventPayloadScanner.Scan(json).Shape);
    }

    [Theory]
    [InlineData(3, 3, PayloadShape.Valid)]
    [InlineData(4, 3, PayloadShape.TooDeep)]
    [InlineData(128, 128, PayloadShape.Valid)]
    [InlineData(129, 128, PayloadShape.TooDeep)]
    [InlineData(5000, 128, PayloadShape.TooDeep)]
    public void NestingDepth_IsEnforced(int depth, int maxDepth, PayloadShape expected)
    {
        // depth counts the root object: {"a":[[...]]} with depth - 1 arrays.
        var json = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"a\":"
            + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var scan = EventPayloadScanner.Scan(Encoding.UTF8.GetBytes(json), maxDepth);

        Assert.Equal(expected, scan.Shape);
        Assert.Equal(expected == PayloadShape.TooDeep, scan.Error is not null);
    }

    [Fact]
    public void DefaultDepth_MatchesEventDataLimit()
    {
        var json = "{\"a\":" + new string('[', 127) + new string(']', 127) + "}";

        Assert.Equal(PayloadShape.Valid, EventPayloadScanner.Scan(Encoding.UTF8.GetBytes(json)).Shape);
        Assert.True(EventData.Parse(Encoding.UTF8.GetBytes(json)).IsParsable);
    }

    [EventSampleFact]
    public void RealSample_IsValidWithItsId()
    {
        var scan = EventPayloadScanner.Scan(EventSampleFolder.Read("bugsink/user-id-as-int.json"));

        Assert.Equal(new PayloadScan(PayloadShape.Valid, "954b22297314490d9d48579dc18a442e", null, null), scan);
    }
}
