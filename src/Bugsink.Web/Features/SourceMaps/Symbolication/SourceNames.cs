namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// What a resolved frame shows as its filename (PROTOCOL-RELEASES.md §5.7): the map's source as
// written, with the bundlers' scheme prefixes cleaned so webpack://app/./src/x.js reads ./src/x.js.
public static class SourceNames
{
    public static string Filename(string source)
    {
        if (source.StartsWith("webpack:", StringComparison.Ordinal) || source.StartsWith("webpack-internal:", StringComparison.Ordinal))
        {
            var tilde = source.IndexOf("/~/", StringComparison.Ordinal);
            if (tilde >= 0)
            {
                return "~/" + source[(tilde + 3)..];
            }

            var rest = source[(source.IndexOf(':') + 1)..];
            if (rest.StartsWith("///", StringComparison.Ordinal))
            {
                return rest[3..];
            }

            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                // webpack://<namespace>/./x → ./x; webpack://<namespace>/x → x
                var slash = rest.IndexOf('/', 2);
                return slash < 0 ? rest[2..] : rest[(slash + 1)..];
            }

            return rest;
        }

        const string turbopack = "turbopack:///[project]/";
        return source.StartsWith(turbopack, StringComparison.Ordinal) ? source[turbopack.Length..] : source;
    }

    public static bool IsWebpack(string source) =>
        source.StartsWith("webpack:", StringComparison.Ordinal) || source.StartsWith("webpack-internal:", StringComparison.Ordinal);
}
