namespace Bugsink.Web.Features.Releases;

// Release names come from event payloads, so from strangers. Sentry refuses names with newlines or
// slashes and longer than 200 characters; we keep the event and clean the name instead, because the
// name ends up in URLs (/releases/{version}/), one-line displays and the (ProjectId, Version) index.
public static class ReleaseName
{
    public const int MaxLength = 200;

    public static string? Sanitize(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return null;
        }

        var clean = string.Create(version.Length, version, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                span[i] = c is '/' or '\\' ? '-' : char.IsControl(c) ? ' ' : c;
            }
        }).Trim();

        if (clean.Length > MaxLength)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(clean[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            clean = clean[..cut].TrimEnd();
        }

        // "." and ".." would be resolved away as URL path segments.
        return clean is "" or "." or ".." ? null : clean;
    }
}
