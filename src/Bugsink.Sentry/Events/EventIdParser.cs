namespace Bugsink.Sentry.Events;

// SDKs send event ids as 32 hex characters; Relay's UUID parser also accepts the dashed 8-4-4-4-12 form.
// Both normalise to 32 lowercase hex so the same event is recognised however it was spelled.
internal static class EventIdParser
{
    private const int CompactLength = 32;
    private const int DashedLength = 36;

    public static string? Normalize(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is not (CompactLength or DashedLength))
        {
            return null;
        }

        Span<char> chars = stackalloc char[DashedLength];
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return Normalize(chars[..utf8.Length]);
    }

    public static string? Normalize(ReadOnlySpan<char> text)
    {
        Span<char> hex = stackalloc char[CompactLength];
        var written = 0;
        if (text.Length == CompactLength)
        {
            foreach (var c in text)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return null;
                }

                hex[written++] = char.ToLowerInvariant(c);
            }
        }
        else if (text.Length == DashedLength)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (i is 8 or 13 or 18 or 23)
                {
                    if (c != '-')
                    {
                        return null;
                    }

                    continue;
                }

                if (!char.IsAsciiHexDigit(c))
                {
                    return null;
                }

                hex[written++] = char.ToLowerInvariant(c);
            }
        }
        else
        {
            return null;
        }

        return new string(hex);
    }
}
