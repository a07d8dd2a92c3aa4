namespace Bugsink.Web.Features.SourceMaps.Decoding;

// A decoded Source Map v3: a regular map, or an index map of sections (PROTOCOL-RELEASES.md §5.3).
public abstract class SourceMap
{
    public Guid? DebugId { get; init; }

    // The segment with the greatest generated column at or before the 0-based position on that
    // line; null when the line has none there or the segment maps to nothing (§5.5: no fall-back to
    // an earlier line, no fall-back past a 1-field segment).
    public abstract MappedPosition? Lookup(int line, int column);

    // Every source of the map (all sections for an index map), as written after sourceRoot.
    public abstract IEnumerable<string> AllSources { get; }
}

public sealed class RegularSourceMap(
    IReadOnlyList<string?> sources, IReadOnlyList<string?> sourcesContent, IReadOnlyList<string> names,
    MapSegment[] segments, int[] lineStarts) : SourceMap
{
    public IReadOnlyList<string?> Sources { get; } = sources;

    // Same length as Sources; null where the map carries no content for that source.
    public IReadOnlyList<string?> SourcesContent { get; } = sourcesContent;

    public IReadOnlyList<string> Names { get; } = names;

    public int LineCount => lineStarts.Length;

    public override IEnumerable<string> AllSources => Sources.Where(s => s is not null)!;

    public override MappedPosition? Lookup(int line, int column)
    {
        if (line < 0 || line >= lineStarts.Length || column < 0)
        {
            return null;
        }

        var start = lineStarts[line];
        var end = line + 1 < lineStarts.Length ? lineStarts[line + 1] : segments.Length;
        // Binary search for the last segment whose column is <= the column asked for.
        int low = start, high = end - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (segments[middle].GeneratedColumn <= column)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (found < 0 || !segments[found].IsMapped)
        {
            return null;
        }

        var segment = segments[found];
        return new MappedPosition(this, segment.Source, segment.OriginalLine, segment.OriginalColumn,
            segment.Name >= 0 ? Names[segment.Name] : null, segment.GeneratedColumn);
    }
}

public sealed class IndexSourceMap(IReadOnlyList<IndexSourceMap.Section> sections) : SourceMap
{
    public sealed record Section(int Line, int Column, SourceMap Map);

    public IReadOnlyList<Section> Sections { get; } = sections;

    public override IEnumerable<string> AllSources => Sections.SelectMany(s => s.Map.AllSources);

    public override MappedPosition? Lookup(int line, int column)
    {
        // The last section whose offset is at or before the position.
        Section? section = null;
        int low = 0, high = Sections.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var candidate = Sections[middle];
            if (candidate.Line < line || (candidate.Line == line && candidate.Column <= column))
            {
                section = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (section is null)
        {
            return null;
        }

        // Columns are relative to the section only on the section's first line.
        var columnOffset = line == section.Line ? section.Column : 0;
        var found = section.Map.Lookup(line - section.Line, column - columnOffset);
        return found is null ? null : found with { GeneratedColumn = found.GeneratedColumn + columnOffset };
    }
}
