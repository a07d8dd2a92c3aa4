using System.Text;
using Bugsink.Web.Features.SourceMaps.Decoding;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Finds and decodes the map of one minified file (PROTOCOL-RELEASES.md §4.3): by debug ID first (the
// release does not matter), else the minified file by release + dist + URL candidates and its map
// through the "Sourcemap" header or sourceMappingURL comment (a data: URL is the map itself).
public sealed class MapLocator(ISourceArtifacts store)
{
    public const string NoMapReason = "no source map uploaded for this file";

    public async ValueTask<LocatedMap> LocateAsync(
        long projectId, string absPath, Guid? debugId, string release, string dist, CancellationToken cancellationToken)
    {
        SourceArtifact? minified = null;
        if (debugId is { } id)
        {
            minified = await store.FindByDebugIdAsync(projectId, id, SourceArtifactKind.MinifiedSource, cancellationToken);
            var byId = await store.FindByDebugIdAsync(projectId, id, SourceArtifactKind.SourceMap, cancellationToken);
            if (byId is not null)
            {
                var reference = minified is null ? null : SourceMapReference.Of(minified);
                var mapUrl = reference is null || reference.StartsWith("data:", StringComparison.Ordinal)
                    ? byId.Url : ArtifactUrls.Join(absPath, SourceMapReference.WithoutQuery(reference));
                return Decode(byId.Content.Span, minified, mapUrl, "debug-id");
            }
        }

        var resolvedWith = minified is null ? "release" : "debug-id";
        if (minified is null && release.Length > 0)
        {
            minified = await store.FindByUrlAsync(projectId, release, dist, ArtifactUrls.Candidates(absPath), cancellationToken);
        }

        if (minified is null)
        {
            return LocatedMap.Missing(NoMapReason, noMap: true);
        }

        var mapReference = SourceMapReference.Of(minified);
        if (mapReference is null)
        {
            return LocatedMap.Missing("the uploaded file names no source map (no Sourcemap header, no sourceMappingURL)", noMap: true);
        }

        if (SourceMapReference.DataUrlContent(mapReference) is { } embedded)
        {
            return Decode(embedded, minified, absPath, resolvedWith);
        }

        if (mapReference.StartsWith("data:", StringComparison.Ordinal))
        {
            return LocatedMap.Missing("the file's embedded source map is not a valid data: URL");
        }

        var url = ArtifactUrls.Join(absPath, SourceMapReference.WithoutQuery(mapReference));
        var map = release.Length == 0 ? null
            : await store.FindByUrlAsync(projectId, release, dist, ArtifactUrls.Candidates(url), cancellationToken);
        return map is null
            ? LocatedMap.Missing("no source map uploaded at " + url, noMap: true)
            : Decode(map.Content.Span, minified, url, resolvedWith);
    }

    private static LocatedMap Decode(ReadOnlySpan<byte> mapBytes, SourceArtifact? minified, string mapUrl, string resolvedWith)
    {
        try
        {
            var map = SourceMapReader.Read(mapBytes);
            var text = minified is null ? null : new MinifiedText(Encoding.UTF8.GetString(minified.Content.Span));
            // Decoded segments take about 20 bytes each, a little less than the JSON read; the minified
            // text is held as UTF-16.
            var size = (mapBytes.Length * 2L) + (minified?.Content.Length * 2L ?? 0);
            return LocatedMap.Found(map, text, mapUrl, resolvedWith, size);
        }
        catch (SourceMapException e)
        {
            return LocatedMap.Missing("malformed source map: " + e.Message);
        }
    }
}
