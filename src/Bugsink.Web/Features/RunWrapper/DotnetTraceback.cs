using System.Globalization;
using System.Text.RegularExpressions;

namespace Bugsink.Web.Features.RunWrapper;

// Exception.ToString() as the runtime prints an unhandled exception: "Type: message", one " ---> Type:
// message" line per inner exception, then the innermost's frames, "--- End of inner exception stack
// trace ---", the next one's frames, and so on out to the outer exception's. Frames are newest first.
public static partial class DotnetTraceback
{
    private const string EndOfInner = "--- End of inner exception stack trace ---";
    private const string EndOfPreviousLocation = "--- End of stack trace from previous location ---";
    private const int MaxValueLines = 50;

    public static ParsedTraceback? Parse(IReadOnlyList<string> lines)
    {
        ParsedTraceback? last = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (HeaderLine().Match(lines[i]) is { Success: true } header && ReadBlock(lines, i, header) is { } block)
            {
                last = block;
                i = block.EndLine - 1;
            }
        }

        return last;
    }

    private static ParsedTraceback? ReadBlock(IReadOnlyList<string> lines, int start, Match header)
    {
        // Outer first, as printed; each entry's message may continue on the following lines.
        var printed = new List<(string Type, List<string> Value)> { (header.Groups["type"].Value, [header.Groups["value"].Value]) };
        var i = start + 1;
        for (; i < lines.Count && Frame(lines[i]) is null && lines[i].Trim() != EndOfInner; i++)
        {
            if (InnerLine().Match(lines[i]) is { Success: true } inner)
            {
                printed.Add((inner.Groups["type"].Value, [inner.Groups["value"].Value]));
            }
            else if (printed[^1].Value.Count < MaxValueLines && HeaderLine().Match(lines[i]) is not { Success: true })
            {
                printed[^1].Value.Add(lines[i]);
            }
            else
            {
                return null;
            }
        }

        // One section of frames per exception, innermost first.
        var sections = new List<List<ParsedFrame>> { new() };
        for (; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (Frame(lines[i]) is { } frame)
            {
                sections[^1].Add(frame);
            }
            else if (line == EndOfInner)
            {
                sections.Add([]);
            }
            else if (line != EndOfPreviousLocation)
            {
                break;
            }
        }

        if (sections.Sum(s => s.Count) == 0)
        {
            return null;
        }

        printed.Reverse();
        var exceptions = new List<ParsedError>();
        for (var k = 0; k < printed.Count; k++)
        {
            // Sections line up from the outer end: the last section is always the outer exception's.
            var section = sections.Count - printed.Count + k;
            var frames = section >= 0 ? sections[section] : [];
            frames.Reverse();
            exceptions.Add(new ParsedError(printed[k].Type, string.Join('\n', printed[k].Value).TrimEnd(), frames));
        }

        return new ParsedTraceback("csharp", exceptions, i);
    }

    private static ParsedFrame? Frame(string line)
    {
        if (AtLine().Match(line) is not { Success: true } at)
        {
            return null;
        }

        // "Namespace.Type.Method[T](args)": the module is everything before the method's name.
        var name = at.Groups["name"].Value;
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        var dot = name.LastIndexOf('.', bracket < 0 ? name.Length - 1 : bracket);
        var module = dot > 0 ? name[..dot] : null;
        var function = (dot > 0 ? name[(dot + 1)..] : name) + "(" + at.Groups["args"].Value + ")";
        int? lineno = at.Groups["line"].Success ? int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
        var file = at.Groups["file"].Success ? at.Groups["file"].Value : null;
        return new ParsedFrame(function, file, lineno, Module: module, InApp: !IsFramework(module));
    }

    private static bool IsFramework(string? module) =>
        module is not null && (module.StartsWith("System.", StringComparison.Ordinal) || module.StartsWith("Microsoft.", StringComparison.Ordinal));

    [GeneratedRegex(@"^(?:Unhandled exception\. |Unhandled Exception: )?(?<type>[A-Za-z_][\w`]*(?:[.+][A-Za-z_][\w`]*)+): ?(?<value>.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\s*---> (?:\(Inner Exception #\d+\) )?(?<type>[A-Za-z_][\w`]*(?:[.+][A-Za-z_][\w`]*)+): ?(?<value>.*)$")]
    private static partial Regex InnerLine();

    [GeneratedRegex(@"^\s+at (?<name>[^\s(]+)\((?<args>[^)]*)\)(?: in (?<file>.+):line (?<line>\d+))?\s*$")]
    private static partial Regex AtLine();
}
