namespace Bugsink.Sentry.Events;

// A small hand-written parser because SDKs send more than DateTimeOffset.TryParse takes in one format:
// Go sends nine fractional digits, Python may omit the offset, some clients use a space instead of 'T'.
// Accepted: yyyy-MM-dd[(T|t| )HH:mm[:ss[(.|,)fraction]]][Z|z|±HH:mm|±HHmm|±HH].
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        var rest = text[10..];
        if (rest.Length > 0 && rest[0] is 'T' or 't' or ' ')
        {
            if (rest.Length < 6 || rest[3] != ':' || !TryDigits(rest[1..3], out hour) || !TryDigits(rest[4..6], out minute))
            {
                return false;
            }

            rest = rest[6..];
            if (rest.Length >= 3 && rest[0] == ':')
            {
                if (!TryDigits(rest[1..3], out second))
                {
                    return false;
                }

                rest = rest[3..];
                if (rest.Length > 1 && rest[0] is '.' or ',')
                {
                    rest = ReadFraction(rest[1..], out fractionTicks);
                }
            }
        }

        if (!TryReadOffset(rest, out var offset) || year < 1 || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        // A leap second (":60") is folded into the next second rather than rejected.
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified)
            .AddTicks(fractionTicks + (second == 60 ? TimeSpan.TicksPerSecond : 0));
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    private static ReadOnlySpan<char> ReadFraction(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        var digits = 0;
        var scale = TimeSpan.TicksPerSecond;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            // Ticks are 100 ns, so digits past the seventh are read and dropped.
            if (scale > 1)
            {
                scale /= 10;
                ticks += (text[digits] - '0') * scale;
            }

            digits++;
        }

        return text[digits..];
    }

    private static bool TryReadOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.IsEmpty || text is "Z" or "z")
        {
            return true;
        }

        if (text[0] is not ('+' or '-'))
        {
            return false;
        }

        var sign = text[0] == '-' ? -1 : 1;
        var body = text[1..];
        int hours = 0, minutes = 0;
        var ok = body.Length switch
        {
            2 => TryDigits(body, out hours),
            4 => TryDigits(body[..2], out hours) && TryDigits(body[2..], out minutes),
            5 => body[2] == ':' && TryDigits(body[..2], out hours) && TryDigits(body[3..], out minutes),
            _ => false,
        };
        if (!ok || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(sign * hours, sign * minutes, 0);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return !text.IsEmpty;
    }
}
