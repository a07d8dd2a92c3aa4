using System.Buffers;
using System.IO.Compression;
using System.Text;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Bugsink.Web.Tests.Infrastructure;

// Decompression bombs: a few kilobytes on the wire that decode to `zeros` bytes after `prefix`. Built by
// streaming a zero buffer through the real encoders, each at the settings that cost a decoder the most
// memory (largest window the format allows without extensions), so the test tries what an attacker would.
public static class Bombs
{
    // Every Content-Encoding the server decodes; "deflate" twice because it accepts zlib and raw deflate; brotli
    // and zstd with the largest window the format allows and with the largest the server accepts (brotli 22 bits, zstd 21).
    public static readonly string[] Encodings = ["gzip", "deflate-zlib", "deflate-raw", "br", "br-22", "zstd", "zstd-21"];

    public static string HeaderValue(string encoding) => encoding.Split('-')[0];

    public static byte[] Build(string encoding, string prefix, long zeros)
    {
        using var output = new MemoryStream();
        using (var encoder = Open(encoding, output))
        {
            encoder.Write(Encoding.UTF8.GetBytes(prefix));
            var chunk = new byte[1024 * 1024];
            for (var left = zeros; left > 0; left -= chunk.Length)
            {
                encoder.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }

        return output.ToArray();
    }

    private static Stream Open(string encoding, Stream output)
    {
        switch (encoding)
        {
            case "gzip":
                return new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
            case "deflate-zlib":
                return new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
            case "deflate-raw":
                return new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
            case "br":
                // Window 24 (16 MiB) is the largest a standard brotli stream may declare.
                return new BrotliEncoderStream(output, quality: 5, window: 24);
            case "br-22":
                return new BrotliEncoderStream(output, quality: 5, window: 22);
            case "zstd":
                return Zstd(output, 27);
            case "zstd-21":
                return Zstd(output, 21);
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        }
    }

    private static CompressionStream Zstd(Stream output, int windowLog)
    {
        var zstd = new CompressionStream(output, level: 19, leaveOpen: true);
        zstd.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, windowLog);
        return zstd;
    }

    // BrotliStream cannot choose its window; BrotliEncoder can.
    private sealed class BrotliEncoderStream(Stream output, int quality, int window) : Stream
    {
        private BrotliEncoder _encoder = new(quality, window);
        private readonly byte[] _buffer = new byte[64 * 1024];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                _encoder.Compress(buffer, _buffer, out var consumed, out var written, isFinalBlock: false);
                output.Write(_buffer, 0, written);
                buffer = buffer[consumed..];
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                OperationStatus status;
                do
                {
                    status = _encoder.Compress([], _buffer, out _, out var written, isFinalBlock: true);
                    output.Write(_buffer, 0, written);
                }
                while (status == OperationStatus.DestinationTooSmall);
                _encoder.Dispose();
            }

            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
