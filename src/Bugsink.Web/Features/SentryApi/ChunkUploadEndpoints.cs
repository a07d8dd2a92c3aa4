using Bugsink.Web.Features.SourceMaps.Bundles;

namespace Bugsink.Web.Features.SentryApi;

// sentry-cli's chunked upload (PROTOCOL-RELEASES.md §2.5.1, §2.5.3): the options, then multipart chunks
// named by their SHA-1, raw ("file") or gzipped ("file_gzip").
public static class ChunkUploadEndpoints
{
    public const int ChunksPerRequest = 8;

    // Under Kestrel's default request limit (30 MB) with room for the multipart framing.
    public const int MaxRequestSize = 16 << 20;

    private static readonly string[] Compression = ["gzip"];

    private static readonly string[] Accept = ["release_files", "artifact_bundles", "artifact_bundles_v2"];

    public static RouteGroupBuilder MapSentryChunkUpload(this RouteGroupBuilder api)
    {
        api.MapGet("organizations/{org}/chunk-upload/", Options);
        api.MapPost("organizations/{org}/chunk-upload/", UploadAsync);
        return api;
    }

    // The chunk URL is relative to the host root, which sentry-cli accepts and which holds behind any proxy.
    // "accept" lists release_files and both artifact-bundle kinds, so that sentry-cli 2.x uploads as 3.x does.
    private static IResult Options(string org) => SentryJson.Ok(new
    {
        url = $"/api/0/organizations/{Uri.EscapeDataString(org)}/chunk-upload/",
        chunkSize = ChunkStore.ChunkSize,
        chunksPerRequest = ChunksPerRequest,
        maxFileSize = 2L << 30,
        maxRequestSize = MaxRequestSize,
        concurrency = 1,
        hashAlgorithm = "sha1",
        compression = Compression,
        accept = Accept,
    });

    private static async Task<IResult> UploadAsync(HttpRequest request, ChunkStore chunks, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return SentryJson.BadRequest("Send the chunks as multipart/form-data.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException invalid)
        {
            return SentryJson.BadRequest("The multipart body could not be read: " + invalid.Message);
        }

        var parts = form.Files.Where(f => f.Name is "file" or "file_gzip").ToList();
        if (parts.Count > ChunksPerRequest)
        {
            return SentryJson.BadRequest("Too many chunks");
        }

        foreach (var part in parts)
        {
            var sha1 = part.FileName.Trim().ToLowerInvariant();
            if (!ChunkStore.IsSha1(sha1))
            {
                return SentryJson.BadRequest("Each chunk's file name must be its SHA-1 (40 hex characters).");
            }

            await using var content = part.OpenReadStream();
            if (await chunks.StoreAsync(sha1, content, part.Name == "file_gzip", cancellationToken) is { } refused)
            {
                return SentryJson.BadRequest(refused);
            }
        }

        return Results.Ok();
    }
}
