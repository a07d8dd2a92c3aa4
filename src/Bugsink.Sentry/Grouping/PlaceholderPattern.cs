using System.Buffers;
using System.Text.RegularExpressions;

namespace Bugsink.Sentry.Grouping;

// One placeholder's regex plus a cheap precondition: a text without any of the Requires characters (an
// '@' for e-mail, a digit for numbers, ...) cannot match, so the regex is not run on it at all.
internal sealed record PlaceholderPattern(string Placeholder, Regex Regex, SearchValues<char>? Requires)
{
    public bool CanMatch(ReadOnlySpan<char> text) => Requires is null || text.ContainsAny(Requires);
}
