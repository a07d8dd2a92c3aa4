using System.IO.Compression;
using ZstdSharp;

namespace Bugsink.Sentry.Tests.Compression;

// Produces request bodies in each Content-Encoding the decoder understands.
internal static class Compressed
{
    public static byte[] Encode(string encoding, byte[] content)
    {
        using var output = new MemoryStream();
        using (var compressor = Open(encoding, output))
        {
            compressor.Write(content);
        }

        return output.ToArray();
    }

    private static Stream Open(string encoding, Stream output) => encoding switch
    {
        "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
        "zlib" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
        "raw-deflate" => new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true),
        "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        "zstd" => new CompressionStream(output, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };
}
