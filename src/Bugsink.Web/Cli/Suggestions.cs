namespace Bugsink.Web.Cli;

// "Did you mean …?" for a mistyped command or option: the known name nearest by edit distance,
// when it is near enough to be a likely typo (or the typed word is a prefix of it).
public static class Suggestions
{
    public static string? Nearest(string typed, IEnumerable<string> known)
    {
        var word = typed.Split('=')[0];
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 3
                ? 1
                : Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    // Levenshtein distance, two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
