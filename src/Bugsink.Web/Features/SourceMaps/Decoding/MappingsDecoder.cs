namespace Bugsink.Web.Features.SourceMaps.Decoding;

// Decodes "mappings" into one flat array of segments plus, per generated line, where its segments
// start: one allocation for the whole map, and a binary search per lookup.
public static class MappingsDecoder
{
    public static (MapSegment[] Segments, int[] LineStarts) Decode(ReadOnlySpan<char> mappings, int sourceCount, int nameCount)
    {
        var segments = new List<MapSegment>(mappings.Length / 4);
        var lineStarts = new List<int> { 0 };
        int source = 0, originalLine = 0, originalColumn = 0, name = 0;
        var generatedColumn = 0;
        var lineSorted = true;
        var lineBegin = 0;
        var position = 0;
        Span<int> fields = stackalloc int[5];
        while (position < mappings.Length)
        {
            var c = mappings[position];
            if (c == ';')
            {
                EndLine(segments, lineBegin, lineSorted);
                lineStarts.Add(segments.Count);
                lineBegin = segments.Count;
                lineSorted = true;
                generatedColumn = 0;
                position++;
                continue;
            }

            if (c == ',')
            {
                position++;
                continue;
            }

            var count = 0;
            while (position < mappings.Length && mappings[position] is not (',' or ';'))
            {
                if (count == 5 || !Base64Vlq.TryRead(mappings, ref position, out fields[count]))
                {
                    throw new SourceMapException("The map's mappings are malformed near character " + position + ".");
                }

                count++;
            }

            if (count is not (1 or 4 or 5))
            {
                throw new SourceMapException("A segment of the map's mappings has " + count + " fields (1, 4 or 5 expected).");
            }

            var previousColumn = generatedColumn;
            generatedColumn += fields[0];
            if (generatedColumn < 0)
            {
                throw new SourceMapException("A segment of the map's mappings has a negative column.");
            }

            lineSorted &= segments.Count == lineBegin || generatedColumn >= previousColumn;
            if (count == 1)
            {
                segments.Add(new MapSegment(generatedColumn, -1, 0, 0, -1));
                continue;
            }

            source += fields[1];
            originalLine += fields[2];
            originalColumn += fields[3];
            if (source < 0 || source >= sourceCount || originalLine < 0 || originalColumn < 0)
            {
                throw new SourceMapException("A segment of the map's mappings points outside its sources.");
            }

            var segmentName = -1;
            if (count == 5)
            {
                name += fields[4];
                if (name < 0 || name >= nameCount)
                {
                    throw new SourceMapException("A segment of the map's mappings points outside its names.");
                }

                segmentName = name;
            }

            segments.Add(new MapSegment(generatedColumn, source, originalLine, originalColumn, segmentName));
        }

        EndLine(segments, lineBegin, lineSorted);
        return ([.. segments], [.. lineStarts]);
    }

    // Columns of a line are written in order by every tool seen; sort the rare line that is not, so the
    // binary search stays correct.
    private static void EndLine(List<MapSegment> segments, int lineBegin, bool lineSorted)
    {
        if (!lineSorted)
        {
            segments.Sort(lineBegin, segments.Count - lineBegin, Comparer<MapSegment>.Create((a, b) => a.GeneratedColumn.CompareTo(b.GeneratedColumn)));
        }
    }
}
