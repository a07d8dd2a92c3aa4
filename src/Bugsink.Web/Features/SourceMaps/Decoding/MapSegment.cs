namespace Bugsink.Web.Features.SourceMaps.Decoding;

// One decoded segment of a generated line: where it starts (0-based column) and what it maps to.
// Source is -1 for a 1-field segment (generated code that maps to nothing); Name is -1 without a name.
public readonly record struct MapSegment(int GeneratedColumn, int Source, int OriginalLine, int OriginalColumn, int Name)
{
    public bool IsMapped => Source >= 0;
}
