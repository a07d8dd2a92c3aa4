namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// URL rules of PROTOCOL-RELEASES.md §4.3 and §5.7: the candidates a frame's file is looked up by (the
// "~/" rule: "~/" stands for any scheme and host), and joining a relative reference to a file's URL.
public static class ArtifactUrls
{
    public static IReadOnlyList<string> Candidates(string url)
    {
        var withoutFragment = Cut(url, '#');
        var withoutQuery = Cut(withoutFragment, '?');
        var candidates = new List<string>(4) { withoutFragment };
        Add(candidates, withoutQuery);
        var scheme = withoutFragment.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = withoutFragment.IndexOf('/', scheme + 3);
            var path = slash < 0 ? "/" : withoutFragment[slash..];
            Add(candidates, "~" + path);
            Add(candidates, "~" + Cut(path, '?'));
        }
        else if (!withoutFragment.StartsWith('~'))
        {
            // A Node path (/srv/app/x.js) has no host; "~/srv/app/x.js" is how `--url-prefix '~/srv/app'`
            // uploads it (§4.5).
            Add(candidates, "~" + (withoutQuery.StartsWith('/') ? "" : "/") + withoutQuery);
        }

        return candidates;
    }

    // Joins a reference (a sourceMappingURL, a map's source) to the URL of the file that names it.
    // Absolute references (a scheme, data:, webpack:, "~/") stay as they are.
    public static string Join(string baseUrl, string reference)
    {
        if (reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("data:", StringComparison.Ordinal)
            || reference.StartsWith("webpack:", StringComparison.Ordinal) || reference.StartsWith("turbopack:", StringComparison.Ordinal)
            || reference.StartsWith("~/", StringComparison.Ordinal))
        {
            return reference;
        }

        var (origin, path) = Split(Cut(Cut(baseUrl, '#'), '?'));
        var joined = reference.StartsWith('/') ? reference : path[..(path.LastIndexOf('/') + 1)] + reference;
        return origin + Normalize(joined);
    }

    private static (string Origin, string Path) Split(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = url.IndexOf('/', scheme + 3);
            return slash < 0 ? (url, "/") : (url[..slash], url[slash..]);
        }

        return url.StartsWith('~') ? ("~", url[1..]) : ("", url);
    }

    // Resolves "." and ".." segments; ".." never climbs above the root.
    private static string Normalize(string path)
    {
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!absolute)
                {
                    parts.Add(part);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        var trailing = path.EndsWith('/') && parts.Count > 0 ? "/" : "";
        return (absolute ? "/" : "") + string.Join('/', parts) + trailing;
    }

    private static string Cut(string text, char at)
    {
        var index = text.IndexOf(at);
        return index < 0 ? text : text[..index];
    }

    private static void Add(List<string> candidates, string candidate)
    {
        if (!candidates.Contains(candidate))
        {
            candidates.Add(candidate);
        }
    }
}
