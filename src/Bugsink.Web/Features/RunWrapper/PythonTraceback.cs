using System.Text.RegularExpressions;

namespace Bugsink.Web.Features.RunWrapper;

// CPython's traceback as `traceback.print_exception` writes it: "Traceback (most recent call last):",
// frames oldest first, then "module.Type: value". Chained exceptions come cause first, each block joined
// to the next by one of two sentences, which is already Sentry's order.
public static partial class PythonTraceback
{
    private const string Header = "Traceback (most recent call last):";
    private const string DirectCause = "The above exception was the direct cause of the following exception:";
    private const string DuringHandling = "During handling of the above exception, another exception occurred:";
    private const int MaxValueLines = 50;

    public static ParsedTraceback? Parse(IReadOnlyList<string> lines)
    {
        List<ParsedError>? chain = null;
        var end = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            // A syntax error in the main file is reported without the header: its frame, then the error.
            var bare = lines[i].TrimEnd() != Header;
            if (bare && !(FrameLine().IsMatch(lines[i]) && (i == 0 || !lines[i - 1].StartsWith(' '))))
            {
                continue;
            }

            var (exception, next) = ReadBlock(lines, bare ? i : i + 1);
            if (exception is null || (bare && !exception.Type.EndsWith("Error", StringComparison.Ordinal)))
            {
                continue;
            }

            if (chain is null || !JoinedByChainSentence(lines, end, i))
            {
                chain = [];
            }

            chain.Add(exception);
            end = next;
            i = next - 1;
        }

        return chain is null ? null : new ParsedTraceback("python", chain, end);
    }

    // Between the previous block's end and this header there is nothing but blank lines and one chain sentence.
    private static bool JoinedByChainSentence(IReadOnlyList<string> lines, int from, int to)
    {
        var between = Enumerable.Range(from, to - from).Select(k => lines[k].Trim()).Where(l => l.Length > 0).ToList();
        return between is [DirectCause] or [DuringHandling];
    }

    private static (ParsedError? Exception, int Next) ReadBlock(IReadOnlyList<string> lines, int start)
    {
        var frames = new List<ParsedFrame>();
        var i = start;
        for (; i < lines.Count && lines[i].StartsWith(' '); i++)
        {
            if (FrameLine().Match(lines[i]) is { Success: true } frame)
            {
                var file = frame.Groups["file"].Value;
                var func = frame.Groups["func"].Success ? frame.Groups["func"].Value : null;
                frames.Add(new ParsedFrame(func, file, int.Parse(frame.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), InApp: IsInApp(file)));
            }
            else if (frames.Count > 0 && frames[^1].ContextLine is null && !CaretLine().IsMatch(lines[i]) && !lines[i].TrimStart().StartsWith('['))
            {
                // The source line under its frame; caret lines and "[Previous line repeated N more times]" are not.
                frames[^1] = frames[^1] with { ContextLine = lines[i].Trim() };
            }
        }

        if (i >= lines.Count || ExceptionLine().Match(lines[i]) is not { Success: true } header)
        {
            return (null, start);
        }

        var value = new List<string> { header.Groups["value"].Value };
        var next = i + 1;
        while (next < lines.Count && value.Count < MaxValueLines && lines[next].Trim().Length > 0 && lines[next].TrimEnd() != Header)
        {
            value.Add(lines[next++]);
        }

        var fullType = header.Groups["type"].Value;
        var dot = fullType.LastIndexOf('.');
        var (module, type) = dot < 0 ? (null, fullType) : (fullType[..dot], fullType[(dot + 1)..]);
        return (new ParsedError(type, string.Join('\n', value), frames, module), next);
    }

    // Files of the interpreter and of installed packages are not the user's code.
    private static bool IsInApp(string file) =>
        !file.Contains("/site-packages/", StringComparison.Ordinal)
        && !file.Contains("/dist-packages/", StringComparison.Ordinal)
        && !file.StartsWith("<frozen ", StringComparison.Ordinal)
        && !LibraryPath().IsMatch(file);

    [GeneratedRegex(@"^\s+File ""(?<file>[^""]*)"", line (?<line>\d+)(?:, in (?<func>.+))?$")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"^\s*[\^~\s]+$")]
    private static partial Regex CaretLine();

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w.]*)(?::[ ]?(?<value>.*))?$")]
    private static partial Regex ExceptionLine();

    [GeneratedRegex(@"^/usr(/local)?/lib(64)?/python\d")]
    private static partial Regex LibraryPath();
}
