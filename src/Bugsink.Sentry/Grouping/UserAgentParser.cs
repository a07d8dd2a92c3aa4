namespace Bugsink.Sentry.Grouping;

// Just enough User-Agent reading for the browser and os tags when the SDK sent no contexts: the big four
// browsers (plus Opera, which would otherwise pass for Chrome) and the five common systems. Order matters
// because UAs lie for compatibility: Edge and Opera claim to be Chrome, Chrome claims to be Safari,
// iOS claims "like Mac OS X", Android claims Linux.
internal static class UserAgentParser
{
    public static string? Browser(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        return Named(userAgent, "Edge", "Edg/", "EdgA/", "EdgiOS/", "Edge/")
            ?? Named(userAgent, "Opera", "OPR/")
            ?? Named(userAgent, "Firefox", "Firefox/", "FxiOS/")
            ?? Named(userAgent, "Chrome", "Chrome/", "CriOS/")
            ?? (userAgent.Contains("Safari/", StringComparison.Ordinal) ? Named(userAgent, "Safari", "Version/") ?? "Safari" : null);
    }

    public static string? OperatingSystem(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        if (VersionAfter(userAgent, "Windows NT ") is { } nt)
        {
            return nt switch
            {
                "10.0" => "Windows 10",
                "6.3" => "Windows 8.1",
                "6.2" => "Windows 8",
                "6.1" => "Windows 7",
                _ => "Windows",
            };
        }

        if (userAgent.Contains("Windows", StringComparison.Ordinal))
        {
            return "Windows";
        }

        if ((VersionAfter(userAgent, "iPhone OS ") ?? VersionAfter(userAgent, "CPU OS ")) is { } ios)
        {
            return "iOS " + ios;
        }

        if (userAgent.Contains("Android", StringComparison.Ordinal))
        {
            return VersionAfter(userAgent, "Android ") is { } android ? "Android " + android : "Android";
        }

        if (userAgent.Contains("Mac OS X", StringComparison.Ordinal))
        {
            return VersionAfter(userAgent, "Mac OS X ") is { } mac ? "macOS " + mac : "macOS";
        }

        if (userAgent.Contains("CrOS", StringComparison.Ordinal))
        {
            return "Chrome OS";
        }

        return userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux" : null;
    }

    // "Chrome 120" from "... Chrome/120.0.6099.71 ...": the major version keeps the tag's value count low.
    private static string? Named(string userAgent, string name, params string[] markers)
    {
        foreach (var marker in markers)
        {
            var at = userAgent.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var digits = userAgent.AsSpan(at + marker.Length);
                var length = 0;
                while (length < digits.Length && length < 6 && char.IsAsciiDigit(digits[length]))
                {
                    length++;
                }

                return length > 0 ? name + " " + digits[..length].ToString() : name;
            }
        }

        return null;
    }

    // The dotted version after a marker; iOS and macOS write it with underscores ("17_1_2").
    private static string? VersionAfter(string userAgent, string marker)
    {
        var at = userAgent.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = userAgent.AsSpan(at + marker.Length);
        var length = 0;
        while (length < rest.Length && length < 16 && (char.IsAsciiDigit(rest[length]) || rest[length] is '.' or '_'))
        {
            length++;
        }

        return length == 0 ? null : rest[..length].ToString().Replace('_', '.').TrimEnd('.');
    }
}
