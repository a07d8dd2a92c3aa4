using System.IO.Compression;

namespace Bugsink.Web.Features.Ingest;

// Event payloads are stored brotli-compressed at quality 1: about 17 µs for 4 KB and less than half
// the bytes to write (DESIGN.md "Physics of this machine"). The uncompressed size is stored beside
// the blob so decompression can allocate exactly once.
public static class PayloadCompression
{
    private const int Quality = 1;
    // Events are at most 1 MiB and mostly a few KB: a 256 KB window loses almost nothing in ratio
    // and costs far less to set up per call than the default 4 MB one.
    private const int Window = 18;

    public static byte[] Compress(ReadOnlySpan<byte> payload)
    {
        var bound = BrotliEncoder.GetMaxCompressedLength(payload.Length);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            if (!BrotliEncoder.TryCompress(payload, rented, out var written, Quality, Window))
            {
                throw new InvalidOperationException("Brotli compression did not fit its own bound.");
            }

            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static byte[] Decompress(byte[] compressed, int size)
    {
        var result = new byte[size];
        if (!BrotliDecoder.TryDecompress(compressed, result, out var written) || written != size)
        {
            throw new InvalidDataException("Stored payload does not decompress to its recorded size.");
        }

        return result;
    }
}
