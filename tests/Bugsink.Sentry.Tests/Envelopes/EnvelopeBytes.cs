using System.Text;
using Bugsink.Sentry.Envelopes;

namespace Bugsink.Sentry.Tests.Envelopes;

// Test envelopes are written as strings; Latin-1 maps each char to one byte, so "\u00EF" is the byte 0xEF.
internal static class EnvelopeBytes
{
    public static ReadOnlyMemory<byte> Of(string text) => Encoding.Latin1.GetBytes(text);

    public static EnvelopeParseResult Parse(string text, EnvelopeLimits? limits = null) =>
        EnvelopeParser.Parse(Of(text), limits ?? EnvelopeLimits.Default);

    // "type=payload|type=payload", with payload bytes as Latin-1 text, for compact expectations.
    public static string Describe(Envelope envelope)
    {
        var parts = new List<string>();
        foreach (var item in envelope.Items)
        {
            parts.Add(item.Type + "=" + Encoding.Latin1.GetString(item.Payload.Span));
        }

        return string.Join("|", parts);
    }
}
