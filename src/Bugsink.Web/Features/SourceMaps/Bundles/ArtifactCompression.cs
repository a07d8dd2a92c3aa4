using System.IO.Compression;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// Stored artifact files are Brotli: source maps are JSON text and shrink to a fifth or less. Quality 5
// compresses a few MB/s per core, which is what an upload of a large bundle can afford.
public static class ArtifactCompression
{
    public static byte[] Compress(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream(capacity: Math.Max(64, content.Length / 4));
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = 5 }, leaveOpen: true))
        {
            brotli.Write(content);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] stored, long size)
    {
        var content = new byte[size];
        using var brotli = new BrotliStream(new MemoryStream(stored), CompressionMode.Decompress);
        brotli.ReadExactly(content);
        return content;
    }
}
