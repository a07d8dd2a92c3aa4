namespace Bugsink.Sentry.Grouping;

// The placeholder patterns of PROTOCOL.md §10.3, written for .NET; PlaceholderPatterns lists them in
// priority order. Except for the '-' of negative numbers and the '=' before quoted strings and booleans,
// a match starts only where no word character precedes it, as with Sentry's \b-anchored patterns.
// Digits are spelled [0-9] because \d would also match Arabic-Indic and other Unicode digits.
internal static class MessagePatterns
{
    // The look-behind makes a match start only at the beginning of a run of address characters; without
    // it a long token would be rescanned from every position inside it (quadratic on a 1 KB base64 blob).
    public const string Email = "(?<![\\w.%+-])(?>[A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*";

    // Stops at whitespace, quotes and angle brackets so a quoted or bracketed URL keeps its delimiters.
    public const string Url = "\\b(?:https?|wss?|ftp)://[^\\s\"'<>]+";

    // About a hundred common TLDs, in lower or upper case. TLDs that are also everyday code words (in, is,
    // it, to, at, me, no, id, do, so, name, info, int, app, dev, site, ...) or source-file extensions (py, js,
    // rs, cc, md, pl, ml, sh) are left out on purpose: `user.name`, `logger.info` or `README.md` in an
    // error message is far more likely than a host in those zones.
    // The label loop is atomic and a dot only counts when a label follows it, so "db.example.com." still
    // matches and a long dotted token is scanned once, not once per label.
    public const string Hostname =
        "(?<![\\w.-])(?>(?:[A-Za-z0-9-]{1,63}\\.(?=[A-Za-z0-9]))+)(?:" + LowerTlds + "|" + UpperTlds + ")\\b";

    private const string LowerTlds =
        "com|net|org|edu|gov|mil|biz|mobi|io|ai|co|xyz|uk|de|fr|nl|be|ch|es|pt|cz|sk|se|dk|fi|ie|gr|hu|ro|bg"
        + "|hr|si|lt|lv|ee|ua|ru|by|kz|tr|il|ae|sa|za|ng|ke|eg|us|ca|mx|br|ar|cl|pe|ve|uy|au|nz|jp|cn|hk|tw|kr"
        + "|sg|th|vn|ph|ir|pk|bd|lk|eu|asia|tv|fm|ly|gg|nu|ws|la|tk|ga|cf|gq|cx|su|uz|am|ge|az|ba|mn|kg|np"
        + "|local|internal|lan";

    private const string UpperTlds =
        "COM|NET|ORG|EDU|GOV|MIL|BIZ|IO|CO|UK|DE|FR|NL|BE|CH|ES|SE|DK|RU|US|CA|BR|AU|NZ|JP|CN|KR|EU|LOCAL";

    private const string Octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private const string Ipv4 = Octet + "(?:\\." + Octet + "){3}";
    private const string Hex4 = "[0-9A-Fa-f]{1,4}";

    // IPv4 (a port after it is fine: "10.0.0.1:5432"), full IPv6, and compressed IPv6 with an optional IPv4
    // tail. The look-arounds stop `std::map` or `Foo::Bar` from counting as an address.
    public const string Ip =
        "(?<![\\w:.])(?:"
        + "(?:(?:" + Hex4 + ":){7}" + Hex4
        + "|(?:" + Hex4 + ":){6}" + Ipv4
        + "|(?:" + Hex4 + "(?::" + Hex4 + "){0,5})?::(?:ffff:)?" + Ipv4
        + "|" + Hex4 + "(?::" + Hex4 + "){0,6}::(?:" + Hex4 + "(?::" + Hex4 + "){0,6})?"
        + "|::" + Hex4 + "(?::" + Hex4 + "){0,6})(?![\\w:])"
        + "|" + Ipv4 + "(?![\\w]|\\.[0-9]))";

    public const string Uuid =
        "\\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\b";

    public const string Sha1 = "\\b[0-9A-Fa-f]{40}\\b";

    public const string Md5 = "\\b[0-9A-Fa-f]{32}\\b";

    private const string Month = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private const string Weekday = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private const string LongWeekday = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private const string Zone = "(?:[+-][0-9]{4}|UTC|UT|GMT|[ECMP][SD]T|[A-IK-Z])";

    public const string Date =
        // RFC 3339 / ISO 8601 and "plain" datetimes, optionally with fraction and offset.
        "\\b[0-9]{4}-?[01][0-9]-?[0-3][0-9][T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]+)?)?(?:Z|[+-][0-2][0-9]:?[0-5][0-9])?"
        // RFC 822 / 1123: "Mon, 02 Jan 2006 15:04:05 -0700" (weekday and zone optional).
        + "|\\b(?:" + Weekday + ",\\s+)?[0-3]?[0-9]\\s+" + Month + "\\s+[0-9]{2,4}\\s+[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?(?:\\s+" + Zone + "\\b)?"
        // RFC 850: "Monday, 02-Jan-06 15:04:05 MST".
        + "|\\b" + LongWeekday + ",\\s+[0-3][0-9]-" + Month + "-[0-9]{2,4}\\s+[0-2][0-9]:[0-5][0-9]:[0-5][0-9](?:\\s+" + Zone + "\\b)?"
        // asctime: "Mon Jan  2 15:04:05 2006".
        + "|\\b(?:" + Weekday + "\\s+)?" + Month + "\\s+[0-3]?[0-9]\\s+[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\s+[0-9]{4}\\b"
        // "Jan 02, 2006", optionally after a weekday.
        + "|\\b(?:" + Weekday + "\\s)?" + Month + "\\s[0-3]?[0-9],\\s[0-9]{2,4}\\b"
        // A bare date, then kitchen and clock times: "3:04PM", "3:04 pm", "15:04", "15:04:05".
        + "|\\b[0-9]{4}-[01][0-9]-[0-3][0-9]\\b"
        + "|\\b[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?(?:\\s?[AaPp][Mm]\\b)?(?![0-9])"
        // Python's repr of a datetime.
        + "|\\bdatetime\\.datetime\\([^)]{0,100}\\)";

    public const string Duration = "\\b[0-9]+(?:\\.[0-9]+)?(?:ms|s)\\b";

    public const string Hex = "\\b0[xX][0-9A-Fa-f]+\\b";

    // Float and int also match with a leading minus, wherever it stands ("offset -12", "x-1").
    public const string Float = "(?:-|\\b)[0-9]+\\.[0-9]+\\b";

    public const string Int = "(?:-|\\b)[0-9]+\\b";

    // Only the value half of key=value pairs, not every quoted string or every "true" in prose.
    public const string QuotedString = "(?<==)(?:'[^']+'|\"[^\"]+\")";

    public const string Bool = "(?<==)(?:True|true|False|false)\\b";
}
