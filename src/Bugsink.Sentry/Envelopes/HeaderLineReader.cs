using System.Text.Json;
using System.Text.Unicode;

namespace Bugsink.Sentry.Envelopes;

// Reads one header line (without its '\n') with Utf8JsonReader: no JsonDocument and no strings beyond the
// few fields we keep. A null result means success; otherwise it is the cause for the 400 answer.
internal static class HeaderLineReader
{
    // A 36-character UUID needs 38 bytes even when braced; escaped forms are allowed but cannot be much longer.
    private const int MaxEventIdChars = 256;

    private const string JsonContentType = "application/json";

    public static string? ReadEnvelopeHeader(ReadOnlySpan<byte> line, out string? eventId, out bool eventIdInvalid, out string? dsn)
    {
        eventId = null;
        eventIdInvalid = false;
        dsn = null;
        var reader = new Utf8JsonReader(line);
        try
        {
            var problem = StartObject(ref reader, line, "envelope header");
            if (problem is not null)
            {
                return problem;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event_id"u8))
                {
                    reader.Read();
                    eventId = ReadEventId(ref reader, out eventIdInvalid);
                }
                else if (reader.ValueTextEquals("dsn"u8))
                {
                    dsn = ReadOptionalString(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return EndOfLine(ref reader, line);
        }
        catch (JsonException ex)
        {
            return $"envelope header is not valid JSON (byte {ex.BytePositionInLine})";
        }
    }

    public static string? ReadItemHeader(ReadOnlySpan<byte> line, out ItemHeaderFields fields)
    {
        fields = default;
        var reader = new Utf8JsonReader(line);
        try
        {
            var problem = StartObject(ref reader, line, "item header");
            if (problem is not null)
            {
                return problem;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return "invalid item header: type is not a string";
                    }

                    fields.Type = ItemTypes.ReadName(ref reader);
                }
                else if (reader.ValueTextEquals("length"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    // Relay declares length as u32: floats, negatives and strings fail the whole envelope.
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt32(out var length))
                    {
                        return "invalid item header: length is not a non-negative integer";
                    }

                    fields.Length = length;
                }
                else if (reader.ValueTextEquals("filename"u8))
                {
                    fields.Filename = ReadOptionalString(ref reader);
                }
                else if (reader.ValueTextEquals("content_type"u8))
                {
                    fields.ContentType = ReadContentType(ref reader);
                }
                else if (reader.ValueTextEquals("attachment_type"u8))
                {
                    fields.AttachmentType = ReadOptionalString(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (fields.Type is null)
            {
                return "invalid item header: missing type";
            }

            return EndOfLine(ref reader, line);
        }
        catch (JsonException ex)
        {
            return $"item header is not valid JSON (byte {ex.BytePositionInLine})";
        }
    }

    private static string? StartObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, string what)
    {
        // Utf8JsonReader does not check UTF-8 inside strings it never materialises, so check the line up front.
        if (!Utf8.IsValid(line))
        {
            return $"{what} is not valid UTF-8";
        }

        return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? null : $"{what} is not a JSON object";
    }

    // The header's JSON must end exactly at the newline (or EOF): Relay rejects anything after it, even '\r'.
    private static string? EndOfLine(ref Utf8JsonReader reader, ReadOnlySpan<byte> line) =>
        reader.TokenType == JsonTokenType.EndObject && reader.BytesConsumed == line.Length
            ? null
            : "missing newline after header or payload";

    // Positioned on a property name; returns the value when it is a string and skips anything else.
    private static string? ReadOptionalString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : SkipValue(ref reader);
    }

    // Python labels every JSON item "application/json"; sharing one instance saves an allocation per item.
    private static string? ReadContentType(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("application/json"u8))
        {
            return JsonContentType;
        }

        return reader.TokenType == JsonTokenType.String ? reader.GetString() : SkipValue(ref reader);
    }

    private static string? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static string? ReadEventId(ref Utf8JsonReader reader, out bool invalid)
    {
        invalid = false;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Span<char> text = stackalloc char[MaxEventIdChars];
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxEventIdChars)
        {
            var length = reader.CopyString(text);
            if (EventIdText.TryNormalize(text[..length], out var eventId))
            {
                return eventId;
            }
        }

        reader.Skip();
        invalid = true;
        return null;
    }
}
