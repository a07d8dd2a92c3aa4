using System.Buffers;
using System.IO.Compression;
using ZstdSharp;

namespace Bugsink.Sentry.Compression;

// Reads a request body into one buffer (pooled when small), decoding Content-Encoding on the way
// (PROTOCOL.md §4.1, §6). Both caps are enforced while streaming: a decompression bomb costs memory in
// proportion to maxDecodedBytes, not to its inflated size, and a chunked body of unknown length is cut off at
// maxCompressedBytes. Transport failures (client disconnects, Kestrel's own body limit) surface as the
// stream's IOException.
public static class ContentDecoder
{
    // Most events are 2-20 KiB decoded, so one rent usually suffices; bigger bodies grow by doubling.
    private const int InitialBufferSize = 16 * 1024;

    // Bigger buffers are plain allocations: the shared pool would keep a rare 100 MiB attachment body (or the
    // 100 MiB a decompression bomb inflates to) alive per thread long after the request, for little gain.
    private const int MaxPooledBufferSize = 1024 * 1024;

    // zstd decoders need the frame's whole window in memory, and the frame chooses it: up to 2 GiB, or for a
    // single-segment frame the whole content size. 2 MiB (windowLog 21) is what zstd's default level uses on
    // inputs of any size; frames asking for more are refused as corrupt, so 32 bombs cost 64 MiB, not 3 GiB.
    internal const int MaxZstdWindowLog = 21;

    // A brotli decoder fills a ring buffer as large as the stream's window (up to 16 MiB) before it returns
    // its first bytes. 22 bits (4 MiB) is the default of every brotli encoder SDKs use; larger is refused.
    internal const int MaxBrotliWindowBits = 22;

    // A body that inflates more than this many times its compressed size, once past RatioFreeBytes, is refused
    // while it is read. Real payloads (event JSON, logs, minidumps) compress 3-20 times; a gzip bomb inflates
    // about 1000 times, and without this rule each one would be decoded to the envelope cap (100 MiB) before
    // its 413: 32 at once are 3.2 GiB of inflating on two cores. Small bodies (an event of zeros) are never
    // refused for it. Callers may pass another ratio (the server's Bugsink:Ingest:MaxCompressionRatio), 0 for none.
    public const long MaxCompressionRatio = 100;

    internal const long RatioFreeBytes = 1024 * 1024;

    // True for the encodings whose decoder holds a window of megabytes (zstd, brotli) rather than 32 KiB.
    public static bool HoldsLargeWindow(string? contentEncoding) =>
        ContentEncodingNames.Parse(contentEncoding) is ContentEncoding.Zstd or ContentEncoding.Brotli;

    // Opens the body for reading while decoding, for framing item by item; null Stream with the status when the
    // encoding is unsupported or the first bytes already rule it out. Failures later are in DecodingStream.Failure.
    public static async Task<(DecodingStream? Stream, DecodeResult? Refusal)> OpenAsync(
        Stream body, string? contentEncoding, long maxCompressedBytes, long maxDecodedBytes, CancellationToken cancellationToken,
        long maxCompressionRatio = MaxCompressionRatio)
    {
        ArgumentNullException.ThrowIfNull(body);
        var encoding = ContentEncodingNames.Parse(contentEncoding);
        if (encoding == ContentEncoding.Unsupported)
        {
            return (null, new DecodeResult(DecodeStatus.UnsupportedEncoding, null, $"unsupported content encoding '{contentEncoding}'"));
        }

        var input = new CountingReadStream(body, maxCompressedBytes);
        var decoder = await OpenDecoderAsync(input, encoding, cancellationToken).ConfigureAwait(false);
        if (decoder is null)
        {
            var reason = encoding == ContentEncoding.Gzip ? "missing gzip header" : "payload too short";
            return (null, new DecodeResult(DecodeStatus.Corrupt, null, $"failed to decode {ContentEncodingNames.Describe(encoding)} payload: {reason}"));
        }

        if (encoding == ContentEncoding.Brotli && BrotliWindowBits((await input.PeekAsync(cancellationToken).ConfigureAwait(false)).Span) > MaxBrotliWindowBits)
        {
            await decoder.DisposeAsync().ConfigureAwait(false);
            return (null, WindowTooLarge());
        }

        return (new DecodingStream(input, decoder, encoding, maxCompressedBytes, maxDecodedBytes, maxCompressionRatio), null);
    }

    public static async Task<DecodeResult> ReadAsync(
        Stream body, string? contentEncoding, long maxCompressedBytes, long maxDecodedBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCompressedBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecodedBytes);

        var encoding = ContentEncodingNames.Parse(contentEncoding);
        if (encoding == ContentEncoding.Unsupported)
        {
            return new DecodeResult(DecodeStatus.UnsupportedEncoding, null, $"unsupported content encoding '{contentEncoding}'");
        }

        var input = new CountingReadStream(body, maxCompressedBytes);
        Stream? decoder = null;
        try
        {
            decoder = await OpenDecoderAsync(input, encoding, cancellationToken).ConfigureAwait(false);
            if (decoder is null)
            {
                var reason = encoding == ContentEncoding.Gzip ? "missing gzip header" : "payload too short";
                return new DecodeResult(DecodeStatus.Corrupt, null, $"failed to decode {ContentEncodingNames.Describe(encoding)} payload: {reason}");
            }

            var result = await ReadAllAsync(decoder, maxDecodedBytes, cancellationToken).ConfigureAwait(false);
            if (input.IsOverLimit)
            {
                result.Body?.Dispose();
                return CompressedTooLarge(maxCompressedBytes);
            }

            return result;
        }
        catch (Exception ex) when (IsDecoderFailure(ex, encoding))
        {
            // A stream cut off at the compressed cap looks corrupt to the decompressor; the cap is the real reason.
            return input.IsOverLimit
                ? CompressedTooLarge(maxCompressedBytes)
                : IsWindowTooLarge(ex)
                ? WindowTooLarge()
                : new DecodeResult(DecodeStatus.Corrupt, null, $"failed to decode {ContentEncodingNames.Describe(encoding)} payload: {ex.Message}");
        }
        finally
        {
            if (decoder is not null && decoder != input)
            {
                await decoder.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // The window a brotli stream declares in its first bits (RFC 7932 §9.1); 0 when there is no first byte.
    internal static int BrotliWindowBits(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return 0;
        }

        var first = head[0];
        if ((first & 1) == 0)
        {
            return 16;
        }

        var n = (first >> 1) & 7;
        if (n != 0)
        {
            return 17 + n;
        }

        var m = (first >> 4) & 7;
        return m == 0 ? 17 : 8 + m;
    }

    // Returns null when the first bytes already show that the body cannot be in the declared encoding.
    private static async ValueTask<Stream?> OpenDecoderAsync(CountingReadStream input, ContentEncoding encoding, CancellationToken cancellationToken)
    {
        switch (encoding)
        {
            case ContentEncoding.Brotli:
                return new BrotliStream(input, CompressionMode.Decompress, leaveOpen: true);
            case ContentEncoding.Zstd:
                return DecodingStream.Zstd(input);
            case ContentEncoding.Identity:
                return input;
        }

        var head = await input.PeekAsync(cancellationToken).ConfigureAwait(false);
        if (head.Length < 2)
        {
            // An empty body stays empty (the caller rejects it); a single byte cannot be a compressed stream,
            // yet the BCL decompressors would quietly return nothing for it.
            return head.IsEmpty ? input : null;
        }

        var first = head.Span[0];
        var second = head.Span[1];
        if (encoding == ContentEncoding.Gzip && first == 0x1f && second == 0x8b)
        {
            return new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        }

        // RFC 1950: CM=8 in the low nibble (0x78 is by far the most common first byte) and a header checksum.
        // Bugsink decodes "deflate" as raw RFC 1951 while the Sentry docs say zlib, so we sniff to accept both.
        if (first == 0x78 && ((first * 256) + second) % 31 == 0)
        {
            return new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true);
        }

        return encoding == ContentEncoding.Deflate ? new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true) : null;
    }

    // The BCL and ZstdSharp report bad input with different exception types. Truncated gzip, deflate and brotli
    // streams are not reported at all by the BCL; the envelope parser then usually fails on the cut-off content.
    // A zstd frame asking for a larger window than we allow is a size limit, answered like the others.
    internal static bool IsWindowTooLarge(Exception exception) =>
        exception is ZstdException { Code: ZstdSharp.Unsafe.ZSTD_ErrorCode.ZSTD_error_frameParameter_windowTooLarge };

    internal static bool IsDecoderFailure(Exception exception, ContentEncoding encoding) => exception switch
    {
        InvalidDataException or ZstdException => true,
        EndOfStreamException => encoding == ContentEncoding.Zstd,
        InvalidOperationException => encoding == ContentEncoding.Brotli,
        _ => false,
    };

    private static async Task<DecodeResult> ReadAllAsync(Stream decoder, long maxDecodedBytes, CancellationToken cancellationToken)
    {
        // One array cannot hold more than Array.MaxLength bytes, whatever the configured cap says.
        var limit = Math.Min(maxDecodedBytes, Array.MaxLength - 1L);
        byte[]? buffer = Allocate((int)Math.Min(InitialBufferSize, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, (int)Math.Min(2L * buffer.Length, limit + 1));
                }

                // Reading at most limit + 1 bytes is enough to know that the cap was crossed.
                var room = (int)Math.Min(buffer.Length - length, limit + 1 - length);
                var read = await decoder.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return new DecodeResult(DecodeStatus.TooLarge, null, $"decoded body exceeds {maxDecodedBytes} bytes");
                }
            }

            var body = new DecodedBody(buffer, length, IsPooled(buffer));
            buffer = null;
            return new DecodeResult(DecodeStatus.Ok, body, null);
        }
        finally
        {
            Release(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int newSize)
    {
        var bigger = Allocate(newSize);
        buffer.AsSpan().CopyTo(bigger);
        Release(buffer);
        return bigger;
    }

    private static byte[] Allocate(int size) =>
        size <= MaxPooledBufferSize ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    private static bool IsPooled(byte[] buffer) => buffer.Length <= MaxPooledBufferSize;

    private static void Release(byte[]? buffer)
    {
        if (buffer is not null && IsPooled(buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static DecodeResult WindowTooLarge() =>
        new(DecodeStatus.TooLarge, null, $"compression window larger than the server accepts (zstd {1 << MaxZstdWindowLog} bytes, brotli {1 << MaxBrotliWindowBits} bytes)");

    internal static DecodeResult CompressedTooLarge(long maxCompressedBytes) =>
        new(DecodeStatus.TooLarge, null, $"request body exceeds {maxCompressedBytes} bytes");
}
