using System.Text.RegularExpressions;
using Bugsink.Web.Features.SourceMaps.Decoding;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// The original name of the function a minified frame is in (PROTOCOL-RELEASES.md §5.6, step 1, in a
// small form): the SDK reports the minified name ("o"); its definition is the last "function o(",
// "o=function", "o=(...)=>" or method "o(...){" before the error position in the minified file, and
// the map's segment at that identifier names the original ("deepest"). Sentry parses every scope; this
// finds the same answer for named functions, which is what bundlers emit, without a JavaScript parser.
public static partial class EnclosingFunction
{
    // How far back from the error position a definition is looked for (characters).
    private const int SearchWindow = 256 * 1024;

    public static string? OriginalName(SourceMap map, MinifiedText minified, string? sdkFunction, int line, int column)
    {
        var identifier = LastIdentifier(sdkFunction);
        if (identifier is null || line < 0 || line >= minified.LineCount)
        {
            return null;
        }

        var end = minified.Offset(line) + Math.Min(column, minified.LineLength(line));
        var start = Math.Max(0, end - SearchWindow);
        var pattern = Definition(identifier);
        Match? last = null;
        for (var match = pattern.Match(minified.Text, start, end - start); match.Success; match = match.NextMatch())
        {
            last = match;
        }

        if (last is null)
        {
            return null;
        }

        var at = last.Groups["name"].Index;
        var (definitionLine, definitionColumn) = minified.Position(at);
        var mapped = map.Lookup(definitionLine, definitionColumn);
        return mapped is { Name: { Length: > 0 } name } && mapped.GeneratedColumn == definitionColumn ? name : null;
    }

    // "Object.o", "HTMLButtonElement.o", "async o", "new o" → "o"; "?" and "<anonymous>" → null.
    private static string? LastIdentifier(string? function)
    {
        if (string.IsNullOrEmpty(function))
        {
            return null;
        }

        var last = function[(function.LastIndexOfAny(['.', ' ']) + 1)..];
        return IdentifierPattern().IsMatch(last) ? last : null;
    }

    private static Regex Definition(string identifier)
    {
        var name = Regex.Escape(identifier);
        return new Regex(
            $@"(?<![\w$.])(?:function\s*\*?\s*(?<name>{name})\s*\(|(?<name>{name})\s*[=:]\s*(?:async\s*)?(?:function\b|\([^()]*\)\s*=>|[\w$]+\s*=>)|(?<name>{name})\s*\([^()]*\)\s*\{{)",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));
    }

    [GeneratedRegex(@"^[A-Za-z_$][\w$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
