using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Bugsink.Sentry.Grouping;

// Our version of Sentry's normalize_message_for_grouping (PROTOCOL.md §10.3): values that vary between
// occurrences of the same error (ids, addresses, times, numbers) become placeholders so those occurrences
// share a key. Only the first two non-empty lines count, with "..." appended when anything was cut.
public static class MessageNormalizer
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
            return ReplaceValues(trimmed);
        }
        catch (RegexMatchTimeoutException)
        {
            // The patterns are linear on any input; should one still time out, an unnormalised key (one
            // issue per distinct message) is better than losing the event.
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

    // One left-to-right pass with priorities, the way a single alternation of all patterns would run: the
    // next replacement is the match that starts first, the earlier pattern in the list winning a tie, and
    // scanning resumes after it. Each pattern's next match is cached until the pass moves beyond its start
    // (no match of that pattern can begin before its leftmost one), so each regex scans the text about once.
    private static string ReplaceValues(string text)
    {
        var patterns = PlaceholderPatterns.InPriorityOrder;
        Span<int> starts = stackalloc int[patterns.Length];
        Span<int> lengths = stackalloc int[patterns.Length];
        for (var i = 0; i < patterns.Length; i++)
        {
            starts[i] = patterns[i].CanMatch(text) ? -1 : int.MaxValue;
        }

        StringBuilder? builder = null;
        var position = 0;
        while (position < text.Length)
        {
            var winner = -1;
            for (var i = 0; i < patterns.Length; i++)
            {
                if (starts[i] < position)
                {
                    (starts[i], lengths[i]) = FindNext(patterns[i].Regex, text, position);
                }

                if (winner < 0 || starts[i] < starts[winner])
                {
                    winner = i;
                }
            }

            if (starts[winner] == int.MaxValue)
            {
                break;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, position, starts[winner] - position).Append(patterns[winner].Placeholder);
            position = starts[winner] + lengths[winner];
        }

        return builder is null ? text : builder.Append(text, position, text.Length - position).ToString();
    }

    // Searching from `position` within the whole text (not a slice) lets look-behinds see what precedes it.
    private static (int Start, int Length) FindNext(Regex regex, string text, int position)
    {
        foreach (var match in regex.EnumerateMatches(text, position))
        {
            return (match.Index, match.Length);
        }

        return (int.MaxValue, 0);
    }
}
