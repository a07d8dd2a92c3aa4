using System.IO.Compression;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// Chunks of a bundle between sentry-cli's chunk-upload and its assemble call, one file per SHA-1 in
// <data>/artifact-chunks. Each chunk is verified against the SHA-1 it is sent under before it is
// kept, so assembly only has to check the whole. Chunks are removed once assembled, or after a day.
public sealed class ChunkStore(IOptions<SiteOptions> site)
{
    // What the chunk-upload options advertise; sentry-cli splits bundles at this size.
    public const int ChunkSize = 8 << 20;

    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    private string Folder => Path.Combine(site.Value.DataDir, "artifact-chunks");

    public static bool IsSha1(string? value) =>
        value is { Length: 40 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public bool Has(string sha1) => File.Exists(PathOf(sha1));

    public string PathOf(string sha1) => Path.Combine(Folder, sha1);

    // Null when stored; otherwise why the chunk was refused.
    public async Task<string?> StoreAsync(string sha1, Stream content, bool gzip, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $"{sha1}.{Guid.NewGuid():N}.part");
        try
        {
            await using (var file = File.Create(temporary))
            {
                var source = gzip ? new GZipStream(content, CompressionMode.Decompress) : content;
                await using (source)
                {
                    if (!await CopyAtMostAsync(source, file, ChunkSize, cancellationToken))
                    {
                        return "Chunk size too large";
                    }
                }
            }

            await using (var written = File.OpenRead(temporary))
            {
                var actual = await Sha1.HexAsync(written, cancellationToken);
                if (actual != sha1)
                {
                    return $"Chunk checksum mismatch: sent as {sha1}, content is {actual}";
                }
            }

            File.Move(temporary, PathOf(sha1), overwrite: true);
            return null;
        }
        catch (InvalidDataException)
        {
            return "Chunk is not valid gzip";
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public void Remove(IEnumerable<string> sha1s)
    {
        foreach (var sha1 in sha1s)
        {
            File.Delete(PathOf(sha1));
        }
    }

    // Chunks of uploads that never came to assemble.
    public void RemoveAbandoned(DateTimeOffset now)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < now.UtcDateTime - AbandonedAfter)
            {
                file.Delete();
            }
        }
    }

    private static async Task<bool> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }
}
