using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Bugsink.Sentry.Events;

// The ingest endpoint runs this on every event before it is queued, so it is a single forward pass with
// Utf8JsonReader: it proves the payload is one JSON object within the depth limit (the digest job later
// parses it with the same limit) and picks the two top-level fields ingest needs, allocating only those.
public static class EventPayloadScanner
{
    private enum TopLevelKey
    {
        None,
        EventId,
        Type,
    }

    public static PayloadScan Scan(ReadOnlySpan<byte> json, int maxDepth = 128)
    {
        // Utf8JsonReader only checks UTF-8 inside strings when they are decoded, so check it up front
        // (vectorised, well under a microsecond for a typical event): JSON must be UTF-8 (RFC 8259 §8.1).
        if (!Utf8.IsValid(json))
        {
            return new PayloadScan(PayloadShape.NotJson, null, null, "The payload is not valid UTF-8.");
        }

        // The reader gets one level of slack so we see the too-deep container ourselves and can report
        // TooDeep instead of the reader's generic exception.
        var options = new JsonReaderOptions { MaxDepth = Math.Clamp(maxDepth, 0, int.MaxValue - 1) + 1 };
        var reader = new Utf8JsonReader(json, options);
        string? eventId = null;
        string? type = null;
        try
        {
            if (!reader.Read())
            {
                return new PayloadScan(PayloadShape.NotJson, null, null, "The payload is empty.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new PayloadScan(PayloadShape.NotJson, null, null, "The payload is not a JSON object.");
            }

            if (maxDepth < 1)
            {
                return TooDeep(maxDepth, null, null);
            }

            var pending = TopLevelKey.None;
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return TooDeep(maxDepth, eventId, type);
                }

                if (pending != TopLevelKey.None)
                {
                    if (token == JsonTokenType.String)
                    {
                        if (pending == TopLevelKey.EventId)
                        {
                            eventId = ReadEventId(ref reader);
                        }
                        else
                        {
                            type = ReadType(ref reader);
                        }
                    }

                    pending = TopLevelKey.None;
                }
                else if (token == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    pending = Classify(ref reader);
                }
            }
        }
        catch (JsonException exception)
        {
            return new PayloadScan(PayloadShape.NotJson, null, null, exception.Message);
        }

        return new PayloadScan(PayloadShape.Valid, eventId, type, null);
    }

    private static PayloadScan TooDeep(int maxDepth, string? eventId, string? type)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"The payload is nested deeper than {maxDepth} levels.");
        return new PayloadScan(PayloadShape.TooDeep, eventId, type, message);
    }

    private static TopLevelKey Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("event_id"u8))
        {
            return TopLevelKey.EventId;
        }

        return reader.ValueTextEquals("type"u8) ? TopLevelKey.Type : TopLevelKey.None;
    }

    // Decoding throws on a lone surrogate escape ("\ud800"); that only makes the field unusable.
    private static string? ReadType(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? ReadEventId(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return EventIdParser.Normalize(reader.ValueSpan);
        }

        // An escaped id (e.g. "\u0061…") is legal JSON; unescape into a small stack buffer, never more than
        // the 36 characters a valid id can have.
        if (reader.ValueSpan.Length > 6 * 36)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[reader.ValueSpan.Length];
        try
        {
            var length = reader.CopyString(buffer);
            return EventIdParser.Normalize(buffer[..length]);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
