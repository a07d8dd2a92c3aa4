using System.Globalization;
using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Timestamps are Unix seconds (JS sends a float) or RFC 3339 text with an optional offset that defaults
// to UTC (Python omits it in older SDKs). Relay rejects years past 9999; so do we, by returning null.
internal static class SentryTimestamp
{
    private const double MinUnixSeconds = -62135596800; // 0001-01-01T00:00:00Z
    private const double MaxUnixSeconds = 253402300799; // 9999-12-31T23:59:59Z

    public static DateTimeOffset? Read(JsonElement? element)
    {
        if (element is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetDouble(out var seconds) ? FromUnixSeconds(seconds) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = LenientJson.Decode(value);
        if (text is null || text.Length > 64)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric))
        {
            return FromUnixSeconds(numeric);
        }

        return Rfc3339.TryParse(text.AsSpan().Trim(), out var parsed) ? parsed : null;
    }

    private static DateTimeOffset? FromUnixSeconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
        {
            return null;
        }

        var ticks = (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
        return DateTimeOffset.UnixEpoch.AddTicks(ticks);
    }
}
