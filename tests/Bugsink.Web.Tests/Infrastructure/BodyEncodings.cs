using System.IO.Compression;
using ZstdSharp;

namespace Bugsink.Web.Tests.Infrastructure;

// Request bodies in each Content-Encoding an SDK may use, compressed the ordinary way.
public static class BodyEncodings
{
    public static readonly string[] All = ["gzip", "deflate", "br", "zstd", "identity"];

    public static byte[] Encode(byte[] body, string encoding)
    {
        if (encoding == "identity")
        {
            return body;
        }

        if (encoding == "zstd")
        {
            using var compressor = new Compressor();
            return compressor.Wrap(body).ToArray();
        }

        using var output = new MemoryStream();
        using (Stream stream = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest),
            _ => new BrotliStream(output, CompressionLevel.Fastest),
        })
        {
            stream.Write(body);
        }

        return output.ToArray();
    }
}
