using System.Diagnostics.CodeAnalysis;

namespace Bugsink.Sentry.Envelopes;

// Event ids arrive as 32 hex digits (recommended), 36 with dashes, or braced; we store 32 lowercase hex,
// the form Sentry prints in responses (PROTOCOL.md §5.1, §7.1).
public static class EventIdText
{
    public static bool TryNormalize(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? eventId)
    {
        eventId = null;
        if (text.Length == 38 && text[0] == '{' && text[37] == '}')
        {
            text = text[1..37];
        }

        Span<char> digits = stackalloc char[32];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (text.Length == 36 && (i == 8 || i == 13 || i == 18 || i == 23))
            {
                if (c != '-')
                {
                    return false;
                }

                continue;
            }

            if (!char.IsAsciiHexDigit(c) || count == digits.Length)
            {
                return false;
            }

            digits[count++] = char.ToLowerInvariant(c);
        }

        if (count != digits.Length)
        {
            return false;
        }

        eventId = new string(digits);
        return true;
    }
}
