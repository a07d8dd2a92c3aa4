using System.Globalization;

namespace Bugsink.Web.Tests.Features.Quotas;

public sealed record ParsedLimit(int Seconds, IReadOnlyList<string> Categories);

// X-Sentry-Rate-Limits read the way each SDK reads it (PROTOCOL.md §7.4), so a header we emit is
// checked against all three. Categories: an empty list means "all".
public static class RateLimitParsers
{
    // sentry-dotnet Internal/Http/RateLimit.cs: split on ',' then ':', int.Parse the first field and index
    // the second without checking; anything malformed throws inside the transport.
    public static IReadOnlyList<ParsedLimit> Dotnet(string header) => [.. header.Split(',').Select(entry =>
    {
        var fields = entry.Split(':');
        var seconds = int.Parse(fields[0], CultureInfo.InvariantCulture);
        var categories = fields[1].Split(';');
        return new ParsedLimit(seconds, categories.Length == 1 && categories[0].Length == 0 ? [] : categories);
    })];

    // sentry-python transport.py _parse_rate_limits: `retry_after, categories, _ = limit.strip().split(":", 2)`
    // (older releases; newer ones index [:2]) and int(retry_after); an entry that fails either is skipped.
    public static IReadOnlyList<ParsedLimit> Python(string header, out int skipped)
    {
        var result = new List<ParsedLimit>();
        skipped = 0;
        foreach (var entry in header.Split(','))
        {
            var fields = entry.Trim().Split(':', 3);
            if (fields.Length != 3 || !int.TryParse(fields[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                skipped++;
                continue;
            }

            result.Add(new ParsedLimit(seconds, fields[1].Length == 0 ? [] : fields[1].Split(';')));
        }

        return result;
    }

    // sentry-javascript utils/ratelimit.ts updateRateLimits: `limit.split(':', 5)`, parseInt(retryAfter, 10)
    // and 60 when that is NaN; no categories means all.
    public static IReadOnlyList<ParsedLimit> JavaScript(string header, out int defaulted)
    {
        var result = new List<ParsedLimit>();
        defaulted = 0;
        foreach (var entry in header.Trim().Split(','))
        {
            var fields = entry.Split(':');
            var seconds = ParseInt(fields[0]);
            if (seconds is null)
            {
                defaulted++;
            }

            var categories = fields.Length > 1 ? fields[1] : "";
            result.Add(new ParsedLimit(seconds ?? 60, categories.Length == 0 ? [] : categories.Split(';')));
        }

        return result;
    }

    // Every SDK must read exactly the limits we meant: the same seconds and categories, nothing skipped.
    public static void AssertAllRead(string header, params ParsedLimit[] expected)
    {
        Assert.Equal(Describe(expected), Describe(Dotnet(header)));
        Assert.Equal(Describe(expected), Describe(Python(header, out var skipped)));
        Assert.Equal(0, skipped);
        Assert.Equal(Describe(expected), Describe(JavaScript(header, out var defaulted)));
        Assert.Equal(0, defaulted);
    }

    // How long "every category" stays limited once the SDK has applied the header: Python and JavaScript
    // keep the last entry per category, .NET applies them shortest first so the longest stays.
    public static int SecondsForAll(IReadOnlyList<ParsedLimit> limits, bool lastWins) => lastWins
        ? limits.Last(l => l.Categories.Count == 0).Seconds
        : limits.Where(l => l.Categories.Count == 0).Max(l => l.Seconds);

    private static string Describe(IEnumerable<ParsedLimit> limits) =>
        string.Join(" | ", limits.Select(l => $"{l.Seconds}s [{string.Join(";", l.Categories)}]"));

    // JavaScript's parseInt: leading white space, an optional sign, then as many digits as there are.
    private static int? ParseInt(string text)
    {
        var trimmed = text.TrimStart();
        var length = trimmed.Length > 0 && trimmed[0] is '+' or '-' ? 1 : 0;
        while (length < trimmed.Length && char.IsAsciiDigit(trimmed[length]))
        {
            length++;
        }

        return int.TryParse(trimmed[..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
