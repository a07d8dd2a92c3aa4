using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

public sealed record AssembleOutcome(string State, IReadOnlyList<string> MissingChunks, string? Detail);

// sentry-cli's artifactbundle/assemble (PROTOCOL-RELEASES.md §2.5.5), done synchronously on the call
// that finds every chunk: concatenate in the order given, check the whole SHA-1, read the bundle, store
// it per project. A bundle already stored under this checksum in every project answers "ok" at once.
public sealed class BundleAssembler(BundleStore store, ChunkStore chunks, IOptions<SourceMapOptions> options)
{
    public async Task<AssembleOutcome> AssembleAsync(
        IReadOnlyList<long> projectIds, string checksum, IReadOnlyList<string> chunkSums, string? release, string? dist,
        CancellationToken cancellationToken)
    {
        var stored = true;
        foreach (var projectId in projectIds)
        {
            stored &= await store.HasChecksumAsync(projectId, checksum, cancellationToken);
        }

        if (stored)
        {
            return new AssembleOutcome("ok", [], null);
        }

        var missing = chunkSums.Where(sum => !chunks.Has(sum)).Distinct().ToList();
        if (missing.Count > 0)
        {
            return new AssembleOutcome("not_found", missing, null);
        }

        var limit = options.Value.MaxBundleBytes;
        var temporary = Path.GetTempFileName();
        try
        {
            await using var bundle = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            foreach (var sum in chunkSums)
            {
                await using var chunk = File.OpenRead(chunks.PathOf(sum));
                await chunk.CopyToAsync(bundle, cancellationToken);
                if (bundle.Length > limit)
                {
                    return Error($"the bundle is over the limit of {limit} bytes (Bugsink:SourceMaps:MaxBundleBytes)");
                }
            }

            bundle.Position = 0;
            var actual = await Sha1.HexAsync(bundle, cancellationToken);
            if (actual != checksum)
            {
                return Error($"checksum mismatch: the chunks add up to {actual}, not {checksum}");
            }

            bundle.Position = 0;
            BundleContents contents;
            try
            {
                contents = BundleReader.Read(bundle, limit, options.Value.MaxFilesPerBundle);
            }
            catch (Exception exception) when (exception is BundleFormatException or JsonException)
            {
                return Error(exception is JsonException ? "the bundle's manifest.json is not valid JSON" : exception.Message);
            }

            // The request's release and dist win over the manifest's.
            var effectiveRelease = Releases.ReleaseName.Sanitize(release ?? contents.Release) ?? "";
            var effectiveDist = (dist ?? contents.Dist ?? "").Trim();
            if (effectiveRelease == "" && contents.Files.All(f => f.DebugId is null))
            {
                return Error("uploading a bundle without debug ids or release is prohibited");
            }

            // Sentry keys a bundle by its own debug ID and links it to a release; a row here belongs to one
            // release, so the same files uploaded for two releases are two bundles, and an upload for the
            // same release replaces the earlier one.
            var key = Sha1.Hex(System.Text.Encoding.UTF8.GetBytes($"{contents.BundleDebugId ?? checksum}\n{effectiveRelease}\n{effectiveDist}"));
            foreach (var projectId in projectIds)
            {
                if (await store.StoreAsync(projectId, key, checksum, bundle.Length, effectiveRelease, effectiveDist, contents.Files, cancellationToken) is { } refused)
                {
                    return Error(refused);
                }
            }

            chunks.Remove(chunkSums);
            return new AssembleOutcome("ok", [], null);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static AssembleOutcome Error(string detail) => new("error", [], detail);
}
