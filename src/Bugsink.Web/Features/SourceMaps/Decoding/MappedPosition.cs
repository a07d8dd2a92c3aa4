namespace Bugsink.Web.Features.SourceMaps.Decoding;

// What a generated position maps to. Line and Column are 0-based as in the map; GeneratedColumn is
// where the segment found starts (absolute, index-map offsets added back). Map is the map that holds
// the source: the section's own map for an index map.
public sealed record MappedPosition(
    RegularSourceMap Map, int SourceIndex, int Line, int Column, string? Name, int GeneratedColumn)
{
    public string Source => Map.Sources[SourceIndex] ?? "";

    public string? SourceContent => Map.SourcesContent[SourceIndex];
}
