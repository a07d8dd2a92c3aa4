using System.Globalization;
using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Relay removes a wrongly typed field instead of rejecting the event (PROTOCOL.md §9), so every read here
// returns null for a shape it does not expect and never throws.
internal static class LenientJson
{
    // Relay caps free text at 8192 characters; nothing we keep needs more.
    public const int MaxTextLength = 8192;

    public static JsonElement? Property(JsonElement parent, ReadOnlySpan<byte> name)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        return null;
    }

    public static JsonElement? Property(JsonElement? parent, ReadOnlySpan<byte> name)
        => parent is { } element ? Property(element, name) : null;

    // Very old clients (raven) send the interface's full name, e.g. "sentry.interfaces.User".
    public static JsonElement? Property(JsonElement parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> legacyName)
        => Property(parent, name) ?? Property(parent, legacyName);

    public static string? Text(JsonElement? element)
        => element is { ValueKind: JsonValueKind.String } value ? Decode(value) : null;

    public static string? Text(JsonElement parent, ReadOnlySpan<byte> name) => Text(Property(parent, name));

    // Relay's LenientString: numbers keep their JSON spelling, booleans become Python's "True"/"False".
    public static string? LenientText(JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.String => Decode(element.Value),
        JsonValueKind.Number => Cap(element.Value.GetRawText()),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => null,
    };

    public static string? LenientText(JsonElement parent, ReadOnlySpan<byte> name) => LenientText(Property(parent, name));

    public static bool? Boolean(JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static int? Integer(JsonElement? element)
    {
        if (element is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var number))
            {
                return number;
            }

            return value.TryGetDouble(out var real) && real is >= int.MinValue and <= int.MaxValue ? (int)real : null;
        }

        if (value.ValueKind == JsonValueKind.String
            && int.TryParse(Decode(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }

    // Relay's `exception.value` and legacy `message` turn any other JSON into its compact text.
    public static string? StringifiedText(JsonElement? element)
    {
        if (element is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return Decode(value);
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        var length = Math.Min(buffer.WrittenCount, MaxTextLength);
        return Cap(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan[..length]));
    }

    // A lone surrogate escape ("\ud800") is valid JSON text that System.Text.Json refuses to decode; such a
    // field is treated as absent rather than failing the whole event.
    public static string? Decode(JsonElement value)
    {
        try
        {
            return Cap(value.GetString());
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string? Name(JsonProperty property)
    {
        try
        {
            return Cap(property.Name);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string? Cap(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;

    // Empty and whitespace-only strings carry no information for the optional top-level fields.
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
