namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Five lines before and after the original line, from the map's sourcesContent (PROTOCOL-RELEASES.md
// §5.7). A line longer than 150 characters is cut to about 140 around the column, marked "{snip}", so
// a one-line bundle never fills the page.
public sealed record SourceContext(IReadOnlyList<string> Pre, string Line, IReadOnlyList<string> Post)
{
    public const int Lines = 5;
    private const int MaxLine = 150;
    private const int Window = 140;

    // line and column are 0-based; null when the line is not in the source.
    public static SourceContext? Around(SourceLines source, int line, int column)
    {
        if (line < 0 || line >= source.Count)
        {
            return null;
        }

        var pre = new List<string>(Lines);
        for (var i = Math.Max(0, line - Lines); i < line; i++)
        {
            pre.Add(Trim(source[i], 0));
        }

        var post = new List<string>(Lines);
        for (var i = line + 1; i < Math.Min(source.Count, line + 1 + Lines); i++)
        {
            post.Add(Trim(source[i], 0));
        }

        return new SourceContext(pre, Trim(source[line], column), post);
    }

    public static string Trim(string line, int column)
    {
        if (line.Length <= MaxLine)
        {
            return line;
        }

        var start = Math.Clamp(column - (Window / 2), 0, line.Length - Window);
        var end = start + Window;
        return (start > 0 ? "{snip} " : "") + line[start..end] + (end < line.Length ? " {snip}" : "");
    }
}

// A source split into lines once (\n, \r\n or \r), kept with the decoded map so each frame does not
// split the file again.
public sealed class SourceLines
{
    private readonly string[] lines;

    public SourceLines(string text) => lines = text.ReplaceLineEndings("\n").Split('\n');

    public int Count => lines.Length;

    public string this[int index] => lines[index];
}
