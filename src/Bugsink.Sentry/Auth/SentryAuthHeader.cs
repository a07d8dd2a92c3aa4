namespace Bugsink.Sentry.Auth;

// Parses the "Sentry k=v, k=v" credential form used by X-Sentry-Auth and by Relay's Authorization extension.
// Like Relay (relay-common auth.rs), we split on the first whitespace, compare the prefix case-insensitively,
// then split pairs on ',' and '=' and trim both sides; unknown keys are ignored. The .NET SDK omits the
// spaces after commas and Python includes them, so spacing must not matter.
public static class SentryAuthHeader
{
    public static bool TryParse(string? value, out string? key, out string? version)
    {
        key = null;
        version = null;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        if (!HasSentryPrefix(text))
        {
            return false;
        }

        var pairs = text[6..];
        var sawPair = false;
        foreach (var range in pairs.Split(','))
        {
            var pair = pairs[range];
            var equals = pair.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            sawPair = true;
            var name = pair[..equals].Trim();
            var pairValue = pair[(equals + 1)..].Trim();
            if (pairValue.IsEmpty)
            {
                continue;
            }

            if (name.SequenceEqual("sentry_key"))
            {
                key ??= pairValue.ToString();
            }
            else if (name.SequenceEqual("sentry_version"))
            {
                version ??= pairValue.ToString();
            }
        }

        return sawPair;
    }

    // True for "Sentry" followed by whitespace; the caller then reads pairs after the six prefix characters.
    internal static bool HasSentryPrefix(ReadOnlySpan<char> text) =>
        text.Length > 6
        && text[..6].Equals("sentry", StringComparison.OrdinalIgnoreCase)
        && char.IsWhiteSpace(text[6]);
}
