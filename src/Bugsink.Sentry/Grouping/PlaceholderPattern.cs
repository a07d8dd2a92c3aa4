using System.Text.RegularExpressions;

namespace Bugsink.Sentry.Grouping;

// One placeholder's regex plus a cheap precondition on the whole text (an '@' for e-mail, a digit for
// numbers, a long hex run for hashes). A regex that visits every character costs ~50 ns per character
// even when nothing matches, so skipping the hopeless ones is most of the speed on long values.
internal sealed record PlaceholderPattern(string Placeholder, Regex Regex, PlaceholderPattern.Precondition CanMatch)
{
    public delegate bool Precondition(ReadOnlySpan<char> text);
}
