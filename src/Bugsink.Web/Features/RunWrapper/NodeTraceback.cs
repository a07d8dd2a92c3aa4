using System.Globalization;
using System.Text.RegularExpressions;

namespace Bugsink.Web.Features.RunWrapper;

// V8's error.stack as Node prints an uncaught error: "Type: message", then "    at fn (file:line:col)"
// lines, newest first. An error's cause follows inside its braces as "[cause]: Type: message" with
// frames of its own, and a cause's cause after that; Sentry wants the deepest cause first.
public static partial class NodeTraceback
{
    private const int MaxHeaderLookBack = 30;

    public static ParsedTraceback? Parse(IReadOnlyList<string> lines)
    {
        List<ParsedError>? chain = null;
        var end = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Frame(lines[i]) is null || (i > 0 && IsRunLine(lines[i - 1])))
            {
                continue;
            }

            var headerAt = FindHeader(lines, i);
            if (headerAt < 0)
            {
                continue;
            }

            var header = HeaderLine().Match(lines[headerAt]);
            var frames = new List<ParsedFrame>();
            var next = i;
            for (; next < lines.Count && IsRunLine(lines[next]); next++)
            {
                if (Frame(lines[next]) is { } frame)
                {
                    frames.Add(frame);
                }
            }

            frames.Reverse();
            var value = string.Join('\n', lines.Skip(headerAt + 1).Take(i - headerAt - 1).Prepend(header.Groups["value"].Value)).TrimEnd();
            var exception = new ParsedError(header.Groups["type"].Value, value, frames);
            if (header.Groups["cause"].Success && chain is not null)
            {
                chain.Insert(0, exception);
            }
            else
            {
                chain = [exception];
            }

            end = next;
            i = next - 1;
        }

        return chain is null ? null : new ParsedTraceback("node", chain, end);
    }

    // The nearest line above the frames that names an error ("TypeError: …", "[cause]: Error: …",
    // "AssertionError [ERR_ASSERTION]: …", whose code Node adds to the name only when printing);
    // lines between it and the frames belong to a message of several lines.
    private static int FindHeader(IReadOnlyList<string> lines, int firstFrame)
    {
        for (var k = firstFrame - 1; k >= Math.Max(0, firstFrame - MaxHeaderLookBack); k--)
        {
            if (HeaderLine().Match(lines[k]) is { Success: true } match
                && (match.Groups["value"].Success || match.Groups["cause"].Success || match.Groups["type"].Value.EndsWith("Error", StringComparison.Ordinal)))
            {
                return k;
            }
        }

        return -1;
    }

    // V8 folds frames a cause shares with its error into "... N lines matching cause stack trace ...".
    private static bool IsRunLine(string line) => Frame(line) is not null || FoldedLines().IsMatch(line);

    private static ParsedFrame? Frame(string line)
    {
        // The last frame of an error with properties or a cause carries the opening brace of their list.
        var trimmed = line.TrimEnd();
        trimmed = trimmed.EndsWith(" {", StringComparison.Ordinal) ? trimmed[..^2] : trimmed;
        if (AtLine().Match(trimmed) is not { Success: true } at)
        {
            return null;
        }

        var location = at.Groups["loc"].Value;
        var function = at.Groups["func"].Success ? StripAsync(at.Groups["func"].Value) : null;
        if (Location().Match(location) is { Success: true } place)
        {
            var file = place.Groups["file"].Value;
            return new ParsedFrame(function, file, Number(place, "line"), Number(place, "col"), InApp: IsInApp(file));
        }

        // Built-ins ("at JSON.parse (<anonymous>)", "native") have no file; anything else is not V8's.
        return location is "<anonymous>" or "native" ? new ParsedFrame(function, location, null, InApp: false) : null;
    }

    private static string StripAsync(string function) =>
        function.StartsWith("async ", StringComparison.Ordinal) ? function["async ".Length..] : function;

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static bool IsInApp(string file) =>
        !file.StartsWith("node:", StringComparison.Ordinal) && !file.Contains("/node_modules/", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s+at (?:(?<func>[^()]+?|.+?\)) \((?<loc>.+)\)|(?<loc>[^ ].*))$")]
    private static partial Regex AtLine();

    [GeneratedRegex(@"^(?<file>.+):(?<line>\d+):(?<col>\d+)$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^\s*\.\.\. \d+ lines? matching cause stack trace \.\.\.$")]
    private static partial Regex FoldedLines();

    [GeneratedRegex(@"^\s*(?<cause>\[cause\]: )?(?<type>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?: \[[A-Z0-9_]+\])?(?:: (?<value>.*))?\s*$")]
    private static partial Regex HeaderLine();
}
