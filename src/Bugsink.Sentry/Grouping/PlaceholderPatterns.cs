using System.Buffers;
using System.Text.RegularExpressions;

namespace Bugsink.Sentry.Grouping;

// The fourteen placeholders in priority order, one source-generated regex each. They used to be a single
// alternation, but that method grew past the size the JIT optimises and ran ~30x slower (4 ms for 8 KB of
// prose); separate regexes also get a good first-character search each. MessageNormalizer merges their
// matches so the result equals one alternation's single pass.
internal static partial class PlaceholderPatterns
{
    // Generous for a two-line text; the patterns are linear, so this only guards against a mistake.
    private const int TimeoutMilliseconds = 250;
    private const RegexOptions Options = RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public static readonly PlaceholderPattern[] InPriorityOrder =
    [
        new("<email>", EmailRegex(), SearchValues.Create("@")),
        new("<url>", UrlRegex(), SearchValues.Create(":")),
        new("<hostname>", HostnameRegex(), SearchValues.Create(".")),
        new("<ip>", IpRegex(), SearchValues.Create(".:")),
        new("<uuid>", UuidRegex(), SearchValues.Create("-")),
        new("<sha1>", Sha1Regex(), null),
        new("<md5>", Md5Regex(), null),
        new("<date>", DateRegex(), SearchValues.Create("0123456789(")),
        new("<duration>", DurationRegex(), Digits),
        new("<hex>", HexRegex(), Digits),
        new("<float>", FloatRegex(), Digits),
        new("<int>", IntRegex(), Digits),
        new("<quoted_str>", QuotedStringRegex(), SearchValues.Create("=")),
        new("<bool>", BoolRegex(), SearchValues.Create("=")),
    ];

    [GeneratedRegex(MessagePatterns.Email, Options, TimeoutMilliseconds)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(MessagePatterns.Url, Options, TimeoutMilliseconds)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(MessagePatterns.Hostname, Options, TimeoutMilliseconds)]
    private static partial Regex HostnameRegex();

    [GeneratedRegex(MessagePatterns.Ip, Options, TimeoutMilliseconds)]
    private static partial Regex IpRegex();

    [GeneratedRegex(MessagePatterns.Uuid, Options, TimeoutMilliseconds)]
    private static partial Regex UuidRegex();

    [GeneratedRegex(MessagePatterns.Sha1, Options, TimeoutMilliseconds)]
    private static partial Regex Sha1Regex();

    [GeneratedRegex(MessagePatterns.Md5, Options, TimeoutMilliseconds)]
    private static partial Regex Md5Regex();

    [GeneratedRegex(MessagePatterns.Date, Options, TimeoutMilliseconds)]
    private static partial Regex DateRegex();

    [GeneratedRegex(MessagePatterns.Duration, Options, TimeoutMilliseconds)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(MessagePatterns.Hex, Options, TimeoutMilliseconds)]
    private static partial Regex HexRegex();

    [GeneratedRegex(MessagePatterns.Float, Options, TimeoutMilliseconds)]
    private static partial Regex FloatRegex();

    [GeneratedRegex(MessagePatterns.Int, Options, TimeoutMilliseconds)]
    private static partial Regex IntRegex();

    [GeneratedRegex(MessagePatterns.QuotedString, Options, TimeoutMilliseconds)]
    private static partial Regex QuotedStringRegex();

    [GeneratedRegex(MessagePatterns.Bool, Options, TimeoutMilliseconds)]
    private static partial Regex BoolRegex();
}
