namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// A minified file's text with its line offsets, kept with the decoded map for the function-name search.
public sealed class MinifiedText
{
    private readonly int[] lineOffsets;

    public MinifiedText(string text)
    {
        Text = text;
        var offsets = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                offsets.Add(i + 1);
            }
        }

        lineOffsets = [.. offsets];
    }

    public string Text { get; }

    public int LineCount => lineOffsets.Length;

    public int Offset(int line) => lineOffsets[line];

    public int LineLength(int line) =>
        (line + 1 < lineOffsets.Length ? lineOffsets[line + 1] - 1 : Text.Length) - lineOffsets[line];

    public (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(lineOffsets, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line, offset - lineOffsets[line]);
    }
}
