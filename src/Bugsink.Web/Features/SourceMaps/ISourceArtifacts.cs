namespace Bugsink.Web.Features.SourceMaps;

// The seam between where uploaded JavaScript artifacts live (artifact bundles and legacy release files,
// stored by the upload side in Features/SourceMaps/Bundles) and the code that resolves frames with them
// (Features/SourceMaps/Symbolication). The symbolicator works out which URLs to try
// (PROTOCOL-RELEASES.md §4.3: fragment stripped, query stripped, the "~/" forms); the store only
// matches exactly, so the matching rule is written once.
public interface ISourceArtifacts
{
    // A number that changes whenever an artifact is stored or removed for the project. Anything that
    // caches a lookup, "no map for this file" included, keys on it, so an upload makes it look again.
    ValueTask<long> GenerationAsync(long projectId, CancellationToken cancellationToken);

    // The file of the given kind that carries the debug ID, from any bundle of the project
    // (the release does not matter for debug IDs).
    ValueTask<SourceArtifact?> FindByDebugIdAsync(
        long projectId, Guid debugId, SourceArtifactKind kind, CancellationToken cancellationToken);

    // The first file whose URL equals one of the candidates, tried in the order given, among the
    // bundles and release files of the release and dist ("" when the event has no dist).
    ValueTask<SourceArtifact?> FindByUrlAsync(
        long projectId, string release, string dist, IReadOnlyList<string> urlCandidates,
        CancellationToken cancellationToken);
}

public enum SourceArtifactKind
{
    MinifiedSource,
    SourceMap,
    Source,
}

// One stored file, decompressed. SourceMapHeader is the manifest's "Sourcemap" (or "X-SourceMap")
// header when the upload gave one; the symbolicator falls back to the file's sourceMappingURL comment.
public sealed record SourceArtifact(
    string Url,
    SourceArtifactKind Kind,
    Guid? DebugId,
    string? SourceMapHeader,
    ReadOnlyMemory<byte> Content);
