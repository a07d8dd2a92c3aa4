using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Bugsink.Benchmarks.Payloads;

// One pre-built request body whose event_id (in the envelope header and in the event) is overwritten per
// request, so sending costs a copy and a few hundred bytes of hashing instead of serialising and compressing.
// For gzip the part holding the ids is kept as a stored (uncompressed) deflate block in front of the
// compressed rest; the server still inflates the whole body, and the trailer CRC is patched by combining.
public sealed class EnvelopeTemplate
{
    public const string PlaceholderId = "deadbeefdeadbeefdeadbeefdeadbeef";
    private const int IdLength = 32;
    private static readonly byte[] GzipHeader = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];

    private readonly byte[] _wire;
    private readonly int[] _idOffsets;
    private readonly bool _gzip;
    private readonly int _prefixOffset;
    private readonly int _prefixLength;
    private readonly uint _suffixCrc;
    private readonly uint _suffixShift;

    private EnvelopeTemplate(byte[] wire, int[] idOffsets, bool gzip, int prefixOffset, int prefixLength, uint suffixCrc, uint suffixShift, int rawLength)
    {
        _wire = wire;
        _idOffsets = idOffsets;
        _gzip = gzip;
        _prefixOffset = prefixOffset;
        _prefixLength = prefixLength;
        _suffixCrc = suffixCrc;
        _suffixShift = suffixShift;
        RawLength = rawLength;
    }

    public int WireLength => _wire.Length;

    public int RawLength { get; }

    public static EnvelopeTemplate Create(byte[] envelope, PayloadEncoding encoding)
    {
        var idOffsets = FindPlaceholders(envelope);
        if (encoding == PayloadEncoding.None)
        {
            return new EnvelopeTemplate(envelope, idOffsets, false, 0, 0, 0, 0, envelope.Length);
        }

        var prefixLength = idOffsets[^1] + IdLength;
        var suffix = envelope.AsSpan(prefixLength);
        using var wire = new MemoryStream();
        wire.Write(GzipHeader);
        // Stored block, not final: BFINAL=0, BTYPE=00, then LEN and its one's complement, little-endian.
        Span<byte> storedHeader = stackalloc byte[5];
        storedHeader[0] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(storedHeader[1..], (ushort)prefixLength);
        BinaryPrimitives.WriteUInt16LittleEndian(storedHeader[3..], (ushort)~prefixLength);
        wire.Write(storedHeader);
        var prefixOffset = (int)wire.Position;
        wire.Write(envelope, 0, prefixLength);
        using (var deflate = new DeflateStream(wire, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(suffix);
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.Compute(envelope));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)envelope.Length);
        wire.Write(trailer);
        var wireOffsets = idOffsets.Select(offset => offset + prefixOffset).ToArray();
        return new EnvelopeTemplate(
            wire.ToArray(), wireOffsets, true, prefixOffset, prefixLength, Crc32.Compute(suffix), Crc32.ShiftOperator(suffix.Length), envelope.Length);
    }

    // Writes the body with the given 32 lowercase hex characters as event_id; returns its length.
    public int WriteTo(Span<byte> destination, ReadOnlySpan<byte> eventIdHex)
    {
        _wire.CopyTo(destination);
        foreach (var offset in _idOffsets)
        {
            eventIdHex.CopyTo(destination[offset..]);
        }

        if (_gzip)
        {
            var prefixCrc = Crc32.Compute(destination.Slice(_prefixOffset, _prefixLength));
            var crc = Crc32.Combine(prefixCrc, _suffixCrc, _suffixShift);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(_wire.Length - 8)..], crc);
        }

        return _wire.Length;
    }

    private static int[] FindPlaceholders(byte[] envelope)
    {
        var placeholder = Encoding.ASCII.GetBytes("\"" + PlaceholderId + "\"");
        var offsets = new List<int>();
        var start = 0;
        int found;
        while ((found = envelope.AsSpan(start).IndexOf(placeholder)) >= 0)
        {
            offsets.Add(start + found + 1);
            start += found + placeholder.Length;
        }

        if (offsets.Count == 0 || offsets[^1] + IdLength > ushort.MaxValue)
        {
            throw new InvalidOperationException("The envelope must carry the placeholder event_id within its first 64 KB.");
        }

        return [.. offsets];
    }
}
