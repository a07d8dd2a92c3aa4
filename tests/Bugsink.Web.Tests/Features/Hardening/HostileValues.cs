namespace Bugsink.Web.Tests.Features.Hardening;

// What a stranger or a careless script puts into query strings and form fields, already
// percent-encoded as it goes on the wire (so invalid UTF-8 and a lone % can be sent at all).
public static class HostileValues
{
    public static readonly IReadOnlyList<(string Label, string Encoded)> All =
    [
        ("NUL", "%00abc"),
        ("long max + fraction", "9223372036854775807.1"),
        ("long max + 1", "9223372036854775808"),
        ("below long min", "-9223372036854775809"),
        ("huge integer", "99999999999999999999999999999999"),
        ("negative", "-1"),
        ("double overflow", "1e309"),
        ("NaN", "NaN"),
        ("boolean maybe", "maybe"),
        ("date out of range", "10000-01-01T00%3A00%3A00Z"),
        ("date before year 1", "0001-01-01T00%3A00%3A00%2B01%3A00"),
        ("impossible date", "2024-02-30"),
        ("10 KB string", new string('x', 10 * 1024)),
        ("invalid UTF-8", "%C3%28%FF%FE"),
        ("lone percent", "%25%"),
        ("markup", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        ("empty", ""),
    ];
}
