using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bugsink.Web.Features.SourceMaps.Decoding;

// Reads a Source Map v3 file (regular or index map) as the tools write it and as real decoders
// tolerate it (PROTOCOL-RELEASES.md §5.1): null sources, non-string names, a leading ")]}'" guard.
public static class SourceMapReader
{
    private const int MaxDepth = 64;
    private static readonly byte[] XssiGuard = ")]}'"u8.ToArray();

    public static SourceMap Read(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }

        if (json.StartsWith(XssiGuard))
        {
            var newline = json.IndexOf((byte)'\n');
            json = newline < 0 ? [] : json[(newline + 1)..];
        }

        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth, AllowTrailingCommas = true });
            return Read(document.RootElement, 0);
        }
        catch (JsonException)
        {
            throw new SourceMapException("The map is not valid JSON.");
        }
    }

    private static SourceMap Read(JsonElement root, int nesting)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SourceMapException("The map is not a JSON object.");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 3)
        {
            throw new SourceMapException("The map is not version 3.");
        }

        var debugId = DebugIdOf(root);
        if (root.TryGetProperty("sections", out var sections))
        {
            return new IndexSourceMap(ReadIndex(sections, nesting)) { DebugId = debugId };
        }

        var sourceRoot = root.TryGetProperty("sourceRoot", out var rootElement) && rootElement.ValueKind == JsonValueKind.String ? rootElement.GetString() : null;
        var sources = Strings(root, "sources").Select(s => s is null ? null : ApplySourceRoot(sourceRoot, s)).ToList();
        var contents = Strings(root, "sourcesContent").ToList();
        while (contents.Count < sources.Count)
        {
            contents.Add(null);
        }

        var names = Strings(root, "names").Select(n => n ?? "").ToList();
        var mappings = root.TryGetProperty("mappings", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var (segments, lineStarts) = MappingsDecoder.Decode(mappings, sources.Count, names.Count);
        return new RegularSourceMap(sources, contents[..sources.Count], names, segments, lineStarts) { DebugId = debugId };
    }

    private static List<IndexSourceMap.Section> ReadIndex(JsonElement sections, int nesting)
    {
        if (sections.ValueKind != JsonValueKind.Array || nesting > 4)
        {
            throw new SourceMapException("The index map's sections are not a list.");
        }

        var result = new List<IndexSourceMap.Section>();
        foreach (var section in sections.EnumerateArray())
        {
            if (!section.TryGetProperty("offset", out var offset) || !section.TryGetProperty("map", out var map)
                || !TryInt(offset, "line", out var line) || !TryInt(offset, "column", out var column))
            {
                throw new SourceMapException("A section of the index map has no offset or no embedded map.");
            }

            if (result.Count > 0 && (result[^1].Line > line || (result[^1].Line == line && result[^1].Column > column)))
            {
                throw new SourceMapException("The index map's sections are out of order.");
            }

            result.Add(new IndexSourceMap.Section(line, column, Read(map, nesting + 1)));
        }

        return result;
    }

    // rust-sourcemap's rule (the decoder Sentry uses): root + "/" + source unless the source is
    // absolute already; an empty root changes nothing.
    private static string ApplySourceRoot(string? sourceRoot, string source)
    {
        if (string.IsNullOrEmpty(sourceRoot) || source.StartsWith('/')
            || source.StartsWith("http:", StringComparison.Ordinal) || source.StartsWith("https:", StringComparison.Ordinal))
        {
            return source;
        }

        return sourceRoot.TrimEnd('/') + "/" + source;
    }

    private static IEnumerable<string?> Strings(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in list.EnumerateArray())
        {
            yield return item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Number => item.GetRawText(),
                _ => null,
            };
        }
    }

    private static bool TryInt(JsonElement parent, string property, out int value)
    {
        value = 0;
        return parent.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.Number
            && element.TryGetInt32(out value) && value >= 0;
    }

    private static Guid? DebugIdOf(JsonElement root)
    {
        foreach (var property in (string[])["debugId", "debug_id"])
        {
            if (root.TryGetProperty(property, out var id) && id.ValueKind == JsonValueKind.String
                && Guid.TryParse(id.GetString(), CultureInfo.InvariantCulture, out var guid))
            {
                return guid;
            }
        }

        return null;
    }
}
