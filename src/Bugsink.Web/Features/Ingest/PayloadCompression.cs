using System.Buffers.Binary;
using System.IO.Compression;
using Bugsink.Web.Features.PayloadDictionaries;

namespace Bugsink.Web.Features.Ingest;

// Event payloads are stored as zstd frames, compressed with the project's trained dictionary once it
// has one: events of one project share most of their text (keys, frames, file names, contexts), so a
// 4 KB event shrinks to ~0.5 KB instead of ~1.9 KB without one, and several rows fit in a 4 KB page.
// The frame header names its dictionary, so reading needs nothing beside the blob. Rows written
// before zstd are brotli streams (no magic number) and still read.
public static class PayloadCompression
{
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xB5, 0x2F, 0xFD];

    public static byte[] Compress(ReadOnlySpan<byte> payload, PayloadDictionary? dictionary = null)
    {
        var compressor = ZstdPool.RentCompressor(dictionary);
        var output = System.Buffers.ArrayPool<byte>.Shared.Rent(ZstdSharp.Compressor.GetCompressBound(payload.Length));
        try
        {
            return output.AsSpan(0, compressor.Wrap(payload, output)).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(output);
            ZstdPool.Return(dictionary?.Id ?? 0, compressor);
        }
    }

    public static byte[] Decompress(byte[] stored, int size)
    {
        var result = new byte[size];
        Decompress(stored, result);
        return result;
    }

    // Into a buffer of exactly the recorded size (the digest's, rented, so a batch allocates no payloads).
    public static void Decompress(byte[] stored, Span<byte> result)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var written = stored.AsSpan().StartsWith(ZstdMagic) ? DecompressZstd(stored, result) : DecompressBrotli(stored, result);
        if (written != result.Length)
        {
            throw new InvalidDataException("Stored payload does not decompress to its recorded size.");
        }
    }

    // The dictionary id a frame was compressed with (0: none), from the frame header (RFC 8878 §3.1.1.1).
    public static uint DictionaryIdOf(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 6 || !frame.StartsWith(ZstdMagic))
        {
            return 0;
        }

        var descriptor = frame[4];
        var idLength = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var singleSegment = (descriptor & 0x20) != 0;
        var offset = singleSegment ? 5 : 6;
        if (idLength == 0 || frame.Length < offset + idLength)
        {
            return 0;
        }

        var id = frame.Slice(offset, idLength);
        return idLength switch
        {
            1 => id[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(id),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(id),
        };
    }

    private static int DecompressZstd(byte[] stored, Span<byte> result)
    {
        var id = DictionaryIdOf(stored);
        PayloadDictionary? dictionary = null;
        if (id != 0 && !KnownDictionaries.TryGet(id, out dictionary))
        {
            throw new InvalidDataException($"Stored payload needs compression dictionary {id}, which is not loaded.");
        }

        var decompressor = ZstdPool.RentDecompressor(dictionary);
        try
        {
            return decompressor.Unwrap(stored, result);
        }
        catch (ZstdSharp.ZstdException exception)
        {
            throw new InvalidDataException("Stored payload is not a valid zstd frame.", exception);
        }
        finally
        {
            ZstdPool.Return(id, decompressor);
        }
    }

    private static int DecompressBrotli(byte[] stored, Span<byte> result) =>
        BrotliDecoder.TryDecompress(stored, result, out var written) ? written : -1;
}
