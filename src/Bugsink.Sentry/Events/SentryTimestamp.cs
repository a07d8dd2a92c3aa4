using System.Globalization;
using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Timestamps are Unix seconds (JS sends a float) or RFC 3339 text with an optional offset that defaults
// to UTC (Python omits it in older SDKs). Relay rejects years past 9999; so do we, by returning null.
internal static class SentryTimestamp
{
    private const decimal MinUnixSeconds = -62135596800; // 0001-01-01T00:00:00Z
    private const decimal EndUnixSeconds = 253402300800; // 10000-01-01T00:00:00Z, exclusive

    public static DateTimeOffset? Read(JsonElement? element)
    {
        if (element is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            // Decimal keeps JS's millisecond floats exact; a double times 10^7 is off by a few ticks.
            return value.TryGetDecimal(out var seconds) ? FromUnixSeconds(seconds) : null;
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

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric))
        {
            return FromUnixSeconds(numeric);
        }

        return Rfc3339.TryParse(text.AsSpan().Trim(), out var parsed) ? parsed : null;
    }

    private static DateTimeOffset? FromUnixSeconds(decimal seconds)
    {
        if (seconds < MinUnixSeconds || seconds >= EndUnixSeconds)
        {
            return null;
        }

        var utcTicks = DateTimeOffset.UnixEpoch.Ticks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
        return utcTicks <= DateTimeOffset.MaxValue.Ticks ? new DateTimeOffset(utcTicks, TimeSpan.Zero) : null;
    }
}
