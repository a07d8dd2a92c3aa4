using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Relay's level parsing: the five names, the aliases "critical" and "log", and Python logging's numeric
// levels. Anything else is treated as the default rather than failing the event.
internal static class SentryLevel
{
    public const string Default = "error";

    public static string Read(JsonElement? element)
    {
        if (element is not { } value)
        {
            return Default;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt32(out var number) ? FromPythonLevel(number) : Default;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Default;
        }

        var text = LenientJson.Decode(value).AsSpan().Trim();
        if (text.Length > 16)
        {
            return Default;
        }

        Span<char> lower = stackalloc char[text.Length];
        text.ToLowerInvariant(lower);
        return lower switch
        {
            "fatal" or "critical" => "fatal",
            "error" => "error",
            "warning" => "warning",
            "info" or "log" => "info",
            "debug" => "debug",
            _ => Default,
        };
    }

    private static string FromPythonLevel(int number) => number switch
    {
        10 => "debug",
        20 => "info",
        30 => "warning",
        40 => "error",
        50 => "fatal",
        _ => Default,
    };
}
