using System.Text;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Where a minified file says its map is: the upload's "Sourcemap" header first, else the last
// "//# sourceMappingURL=" (or legacy "//@") comment (PROTOCOL-RELEASES.md §4.3 step 3, §7).
public static class SourceMapReference
{
    public static string? Of(SourceArtifact minified)
    {
        if (!string.IsNullOrWhiteSpace(minified.SourceMapHeader))
        {
            return minified.SourceMapHeader.Trim();
        }

        var text = Encoding.UTF8.GetString(minified.Content.Span);
        var best = -1;
        foreach (var marker in (string[])["//# sourceMappingURL=", "//@ sourceMappingURL="])
        {
            best = Math.Max(best, text.LastIndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? at + marker.Length : -1);
        }

        if (best < 0)
        {
            return null;
        }

        var end = best;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var value = text[best..end];
        return value.Length == 0 ? null : value;
    }

    // Query and fragment are dropped from a reference that is a URL; a data: URL is kept whole.
    public static string WithoutQuery(string reference)
    {
        if (reference.StartsWith("data:", StringComparison.Ordinal))
        {
            return reference;
        }

        var cut = reference.IndexOfAny(['?', '#']);
        return cut < 0 ? reference : reference[..cut];
    }

    // The bytes of a data: URL (base64 or percent-encoded); null when it is not one or is malformed.
    public static byte[]? DataUrlContent(string reference)
    {
        if (!reference.StartsWith("data:", StringComparison.Ordinal))
        {
            return null;
        }

        var comma = reference.IndexOf(',');
        if (comma < 0)
        {
            return null;
        }

        var header = reference[5..comma];
        var payload = reference[(comma + 1)..];
        if (header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            var buffer = new byte[payload.Length];
            return Convert.TryFromBase64String(payload, buffer, out var written) ? buffer[..written] : null;
        }

        try
        {
            return Encoding.UTF8.GetBytes(Uri.UnescapeDataString(payload));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
