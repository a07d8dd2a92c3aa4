using Bugsink.Sentry.Envelopes;

namespace Bugsink.Sentry.Tests.Envelopes;

// The rows of PROTOCOL.md §5.5 (tables A-E), one InlineData each.
public class EnvelopeParserTests
{
    private const string H = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}";

    private const string PythonEvent =
        "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"timestamp\":\"2024-05-01T12:00:00.123456Z\",\"platform\":\"python\",\"level\":\"error\",\"exception\":{\"values\":[{\"type\":\"ZeroDivisionError\",\"value\":\"division by zero\",\"mechanism\":{\"type\":\"generic\",\"handled\":true}}]}}";

    private const string PythonClientReport =
        "{\"timestamp\":1714564800.5,\"discarded_events\":[{\"reason\":\"sample_rate\",\"category\":\"transaction\",\"quantity\":3}]}";

    private const string PythonStyle =
        "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"sent_at\":\"2024-05-01T12:00:01.000000Z\"}\n"
        + "{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":252}\n" + PythonEvent + "\n"
        + "{\"type\":\"client_report\",\"content_type\":\"application/json\",\"length\":110}\n" + PythonClientReport + "\n";

    private const string JavaScriptEvent =
        "{\"event_id\":\"0f8c1a3c5d2b4e6f8a9b0c1d2e3f4a5b\",\"timestamp\":1714564800.123,\"platform\":\"javascript\",\"level\":\"error\",\"exception\":{\"values\":[{\"type\":\"TypeError\",\"value\":\"x is undefined\",\"mechanism\":{\"type\":\"auto.browser.global_handlers.onerror\",\"handled\":false}}]}}";

    private const string JavaScriptStyle =
        "{\"event_id\":\"0f8c1a3c5d2b4e6f8a9b0c1d2e3f4a5b\",\"sent_at\":\"2024-05-01T12:00:01.000Z\",\"sdk\":{\"name\":\"sentry.javascript.browser\",\"version\":\"10.0.0\"}}\n"
        + "{\"type\":\"event\"}\n" + JavaScriptEvent;

    private const string DotnetStyle =
        "{\"sdk\":{\"name\":\"sentry.dotnet\",\"version\":\"5.0.0\"},\"event_id\":\"5d3b2f0e9c8a4b7d9e6f1a2b3c4d5e6f\",\"sent_at\":\"2024-05-01T12:00:01.1234567+00:00\"}\n"
        + "{\"type\":\"event\",\"length\":2}\n{}\n"
        + "{\"type\":\"attachment\",\"length\":12,\"filename\":\"log.txt\",\"attachment_type\":\"event.attachment\",\"content_type\":\"text/plain\"}\n"
        + "line1\nline2\n\n";

    private const string ClientReportOnly =
        "{}\n{\"type\":\"client_report\"}\n{\"timestamp\":1714564800,\"discarded_events\":[{\"reason\":\"ratelimit_backoff\",\"category\":\"error\",\"quantity\":2}]}";

    [Theory]
    [InlineData(PythonStyle, "event=" + PythonEvent + "|client_report=" + PythonClientReport)]
    [InlineData(JavaScriptStyle, "event=" + JavaScriptEvent)]
    [InlineData(DotnetStyle, "event={}|attachment=line1\nline2\n")]
    [InlineData(ClientReportOnly, "client_report={\"timestamp\":1714564800,\"discarded_events\":[{\"reason\":\"ratelimit_backoff\",\"category\":\"error\",\"quantity\":2}]}")]
    public void SdkStyleEnvelope_ParsesAllItems(string envelope, string expected)
    {
        var result = EnvelopeBytes.Parse(envelope);

        Assert.True(result.IsSuccess, string.Join("; ", result.Causes));
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(expected, EnvelopeBytes.Describe(result.Envelope));
    }

    [Theory]
    [InlineData(H, "")]
    [InlineData(H + "\n", "")]
    [InlineData(H + "\n{\"type\":\"attachment\",\"length\":0}\n\n{\"type\":\"attachment\",\"length\":0}\n", "attachment=|attachment=")]
    [InlineData(H + "\n{\"type\":\"attachment\",\"length\":0}\n\n{\"type\":\"attachment\",\"length\":0}", "attachment=|attachment=")]
    [InlineData(H + "\n{\"type\":\"attachment\"}\nhelloworld\n", "attachment=helloworld")]
    [InlineData(H + "\n{\"type\":\"attachment\"}\nhelloworld", "attachment=helloworld")]
    [InlineData(H + "\n{\"type\":\"attachment\"}", "attachment=")]
    [InlineData(H + "\n{\"type\":\"x\"}\n\n{\"type\":\"y\"}\nabc\n", "x=|y=abc")]
    [InlineData(H + "\n{\"type\":\"attachment\",\"length\":10,\"filename\":\"hello.txt\"}\n\u00EF\u00BB\u00BFHello\r\n\n", "attachment=\u00EF\u00BB\u00BFHello\r\n")]
    [InlineData(H + "\n{\"type\":\"event\"}\n{}\r\n", "event={}\r")]
    [InlineData(H + "\n{\"type\":\"invalid_unknown\"}\nhelloworld\n", "invalid_unknown=helloworld")]
    public void EdgeCaseThatRelayAccepts_ParsesToItems(string envelope, string expected)
    {
        var result = EnvelopeBytes.Parse(envelope);

        Assert.True(result.IsSuccess, string.Join("; ", result.Causes));
        Assert.Equal(expected, EnvelopeBytes.Describe(result.Envelope));
    }

    [Theory]
    [InlineData(H + "\n\n", "unexpected end of file")]
    [InlineData(H + "\n{\"type\":\"attachment\",\"length\":4}\nhello\n", "missing newline after header or payload")]
    [InlineData(H + "\n{\"type\":\"attachment\",\"length\":10}\nhello\n", "unexpected end of file")]
    [InlineData(H + "\r\n{\"type\":\"event\"}\n{}\n", "missing newline after header or payload")]
    [InlineData(H + "\n{\"length\":2}\n{}\n", "invalid item header: missing type")]
    public void EdgeCaseThatRelayRejects_Returns400WithCause(string envelope, string cause)
    {
        var result = EnvelopeBytes.Parse(envelope);

        Assert.False(result.IsSuccess);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal(EnvelopeParseResult.InvalidEnvelopeDetail, result.Detail);
        Assert.Equal([cause], result.Causes);
    }

    [Fact]
    public void Payloads_AreCopiesThatOutliveTheInput()
    {
        var data = EnvelopeBytes.Of(H + "\n{\"type\":\"event\",\"length\":2}\n{}\n").ToArray();

        var result = EnvelopeParser.Parse(data, EnvelopeLimits.Default);
        Array.Clear(data);

        Assert.True(result.IsSuccess);
        Assert.Equal("{}"u8.ToArray(), result.Envelope.Items[0].Payload.ToArray());
    }
}
