using System.Collections.Concurrent;
using Bugsink.Web.Features.SourceMaps.Decoding;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// The outcome of looking for a frame's map: the decoded map with what resolving needs beside it, or
// the short reason why there is none. Cached per upload generation (SourceMapCache).
public sealed class LocatedMap
{
    private readonly ConcurrentDictionary<(RegularSourceMap Map, int Source), SourceLines?> lines = new();

    private LocatedMap(string? reason) => Reason = reason;

    private LocatedMap(SourceMap map, MinifiedText? minified, string mapUrl, string resolvedWith)
    {
        Map = map;
        Minified = minified;
        MapUrl = mapUrl;
        ResolvedWith = resolvedWith;
    }

    public SourceMap? Map { get; }

    public MinifiedText? Minified { get; }

    // The map's URL (or the minified file's for an embedded map): what its sources are relative to.
    public string MapUrl { get; } = "";

    // "debug-id" or "release" (PROTOCOL-RELEASES.md §5.7 data.resolved_with).
    public string ResolvedWith { get; } = "";

    public string? Reason { get; }

    // True when nothing was uploaded for the file (the issue page then says how to upload), as opposed
    // to a map that was found but could not be used.
    public bool NoMap { get; private init; }

    // What the cache counts this entry as: about the memory it holds.
    public long Size { get; init; } = 64;

    public static LocatedMap Missing(string reason, bool noMap = false) => new(reason) { NoMap = noMap };

    public static LocatedMap Found(SourceMap map, MinifiedText? minified, string mapUrl, string resolvedWith, long size) =>
        new(map, minified, mapUrl, resolvedWith) { Size = Math.Max(64, size) };

    // The lines of one source, split once per cached map.
    public SourceLines? Lines(MappedPosition position) =>
        lines.GetOrAdd((position.Map, position.SourceIndex), key =>
            key.Map.SourcesContent[key.Source] is { } content ? new SourceLines(content) : null);
}
