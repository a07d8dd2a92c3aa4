using System.Buffers;

namespace Bugsink.Sentry.Envelopes;

// Frames an envelope exactly as Relay does (PROTOCOL.md §5.4). Pure and zero-copy: the result slices `data`,
// so the decoded body must outlive the envelope. Any framing error rejects the whole envelope with 400;
// the first limit violation rejects it with 413, as Relay's check_envelope_size_limits does.
public static class EnvelopeParser
{
    private const byte Newline = (byte)'\n';

    // JSON whitespace, as skipped by Relay's streaming reader before each header.
    private static readonly SearchValues<byte> s_whitespace = SearchValues.Create(" \t\r\n"u8);

    public static EnvelopeParseResult Parse(ReadOnlyMemory<byte> data, EnvelopeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var span = data.Span;
        if (span.IsEmpty)
        {
            return new EnvelopeParseResult(null, 400, "empty request body", []);
        }

        var pos = SkipWhitespace(span, 0);
        if (pos == span.Length)
        {
            return EnvelopeParseResult.Invalid("missing envelope header");
        }

        var lineEnd = FindHeaderEnd(span, pos, limits.MaxHeaderBytes);
        if (lineEnd < 0)
        {
            return HeaderTooLarge("envelope header", limits);
        }

        var problem = HeaderLineReader.ReadEnvelopeHeader(span[pos..lineEnd], out var eventId, out var eventIdInvalid, out var dsn);
        if (problem is not null)
        {
            return EnvelopeParseResult.Invalid(problem);
        }

        var header = new EnvelopeHeader(eventId, eventIdInvalid, dsn, data[pos..lineEnd]);
        var items = new List<EnvelopeItem>();
        var tally = new ItemTally(limits);
        pos = lineEnd + 1;
        while (pos < span.Length)
        {
            // Blank lines between items are JSON whitespace before the next header; only-whitespace-left is an error.
            pos = SkipWhitespace(span, pos);
            if (pos == span.Length)
            {
                return EnvelopeParseResult.Invalid("unexpected end of file");
            }

            lineEnd = FindHeaderEnd(span, pos, limits.MaxHeaderBytes);
            if (lineEnd < 0)
            {
                return HeaderTooLarge("item header", limits);
            }

            problem = HeaderLineReader.ReadItemHeader(span[pos..lineEnd], out var fields);
            if (problem is not null)
            {
                return EnvelopeParseResult.Invalid(problem);
            }

            // An item header at EOF has an empty payload (Relay's implicit_length_empty_eof regression test).
            var payloadStart = Math.Min(lineEnd + 1, span.Length);
            int payloadEnd;
            if (fields.Length is long length)
            {
                if (length > span.Length - payloadStart)
                {
                    return EnvelopeParseResult.Invalid("unexpected end of file");
                }

                payloadEnd = payloadStart + (int)length;
                if (payloadEnd < span.Length && span[payloadEnd] != Newline)
                {
                    return EnvelopeParseResult.Invalid("missing newline after header or payload");
                }
            }
            else
            {
                // A '\r' before the newline stays in the payload, as in Relay.
                payloadEnd = LineEnd(span, payloadStart);
            }

            var overLimit = tally.Add(fields.Type!, payloadEnd - payloadStart, items.Count);
            if (overLimit is not null)
            {
                return EnvelopeParseResult.TooLarge($"type '{fields.Type}'", overLimit);
            }

            items.Add(new EnvelopeItem(fields, data[payloadStart..payloadEnd], data[pos..lineEnd]));
            pos = payloadEnd + 1;
        }

        return EnvelopeParseResult.Success(new Envelope(header, items));
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> span, int pos)
    {
        var skipped = span[pos..].IndexOfAnyExcept(s_whitespace);
        return skipped < 0 ? span.Length : pos + skipped;
    }

    private static int LineEnd(ReadOnlySpan<byte> span, int pos)
    {
        var newline = span[pos..].IndexOf(Newline);
        return newline < 0 ? span.Length : pos + newline;
    }

    // Looks for the newline only within the allowed header size, so a huge junk line costs at most that much.
    // Returns -1 when the header line is longer than allowed.
    private static int FindHeaderEnd(ReadOnlySpan<byte> span, int pos, int maxHeaderBytes)
    {
        var window = span[pos..];
        if (window.Length > maxHeaderBytes)
        {
            window = window[..(maxHeaderBytes + 1)];
        }

        var newline = window.IndexOf(Newline);
        if (newline >= 0)
        {
            return pos + newline;
        }

        return window.Length > maxHeaderBytes ? -1 : span.Length;
    }

    // Header size is our own limit (Relay has none); it is reported as 413 like the other size limits.
    private static EnvelopeParseResult HeaderTooLarge(string what, EnvelopeLimits limits) =>
        EnvelopeParseResult.TooLarge(what, $"{what} is longer than {limits.MaxHeaderBytes} bytes");
}
