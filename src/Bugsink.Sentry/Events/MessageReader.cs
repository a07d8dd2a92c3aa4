using System.Text.Json;

namespace Bugsink.Sentry.Events;

// The log message lives in `logentry` (canonical), in `message` (an object alias of logentry, or a legacy
// plain string), or in raven's `sentry.interfaces.Message`. Some Go SDK versions even send `logentry` as a
// string. The template (with %s / {0} placeholders) is what grouping prefers; the formatted text is shown.
internal static class MessageReader
{
    public static (string? Template, string? Formatted) Read(JsonElement root)
    {
        string? template = null;
        string? formatted = null;
        foreach (var source in Sources(root))
        {
            if (source.ValueKind == JsonValueKind.Object)
            {
                Prefer(ref template, LenientJson.LenientText(source, "message"u8));
                Prefer(ref formatted, LenientJson.LenientText(source, "formatted"u8));
            }
            else if (source.ValueKind != JsonValueKind.False)
            {
                // Relay stringifies a non-string legacy message and ignores `false`.
                Prefer(ref formatted, LenientJson.StringifiedText(source));
            }
        }

        return (template, formatted);
    }

    private static IEnumerable<JsonElement> Sources(JsonElement root)
    {
        if (LenientJson.Property(root, "logentry"u8) is { } logEntry)
        {
            yield return logEntry;
        }

        if (LenientJson.Property(root, "message"u8) is { } message)
        {
            yield return message;
        }

        if (LenientJson.Property(root, "sentry.interfaces.Message"u8) is { } legacy)
        {
            yield return legacy;
        }
    }

    // Keeps the first non-empty text; an empty one still records that a message field was sent at all,
    // which grouping distinguishes from no message ("<no log message>" versus "<unknown>").
    private static void Prefer(ref string? current, string? candidate)
    {
        if (candidate is null || !string.IsNullOrEmpty(current))
        {
            return;
        }

        if (candidate.Length > 0 || current is null)
        {
            current = candidate;
        }
    }
}
