using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Bugsink.Sentry.Grouping;

// Our version of Sentry's normalize_message_for_grouping (PROTOCOL.md §10.3): values that vary between
// occurrences of the same error (ids, addresses, times, numbers) become placeholders so those occurrences
// share a key. Only the first two non-empty lines count, with "..." appended when anything was cut.
public static partial class MessageNormalizer
{
    // Grouping keys use at most 1024 characters of a value; the cap only bounds pathological callers.
    private const int MaxInputLength = 8192;

    private static readonly SearchValues<char> LineBreaks =
        SearchValues.Create("\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029");

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = KeepFirstTwoLines(text.Length > MaxInputLength ? text[..MaxInputLength] : text);
        try
        {
            return PlaceholderPattern().Replace(trimmed, ToPlaceholder);
        }
        catch (RegexMatchTimeoutException)
        {
            // The patterns are linear on normal text; should one still time out, an unnormalised key
            // (one issue per distinct message) is better than losing the event.
            return trimmed;
        }
    }

    // Python's str.splitlines() semantics: \r\n, \r, \n and the other Unicode line breaks all split, and a
    // whitespace-only line counts as empty. The result is compared with the input, as Sentry does, so a
    // single line with a trailing newline also gets "...".
    internal static string KeepFirstTwoLines(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length + 3, 1024));
        var kept = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty && kept < 2)
        {
            var end = rest.IndexOfAny(LineBreaks);
            var line = end < 0 ? rest : rest[..end];
            if (!line.IsWhiteSpace())
            {
                if (kept++ > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(line);
            }

            if (end < 0)
            {
                break;
            }

            var breakLength = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
            rest = rest[(end + breakLength)..];
        }

        if (builder.Length == text.Length && builder.Equals(text.AsSpan()))
        {
            return text;
        }

        return builder.Append("...").ToString();
    }

    // The text up to the first line break of any kind (the same breaks KeepFirstTwoLines splits on).
    internal static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny(LineBreaks);
        return end < 0 ? text : text[..end];
    }

    private static string ToPlaceholder(Match match)
    {
        var groups = match.Groups;
        for (var i = 1; i < groups.Count; i++)
        {
            if (groups[i].Success)
            {
                return MessagePatterns.Placeholders[i - 1];
            }
        }

        return match.Value;
    }

    [GeneratedRegex(MessagePatterns.Combined, RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex PlaceholderPattern();
}
