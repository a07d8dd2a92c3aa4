using ZstdSharp;

namespace Bugsink.Sentry.Compression;

// A request body decoded while it is read, for callers that frame it item by item instead of holding it
// whole. Both caps apply while reading. A failure (corrupt data, a cap passed) ends the stream early and is
// kept in Failure, so a framer reads on until end of stream and then asks why it ended.
public sealed class DecodingStream : ForwardOnlyReadStream
{
    private readonly CountingReadStream _input;
    private readonly Stream _decoder;
    private readonly ContentEncoding _encoding;
    private readonly long _maxDecodedBytes;
    private readonly long _maxCompressedBytes;
    private readonly long _maxCompressionRatio;

    internal DecodingStream(CountingReadStream input, Stream decoder, ContentEncoding encoding, long maxCompressedBytes, long maxDecodedBytes, long maxCompressionRatio)
    {
        _maxCompressionRatio = maxCompressionRatio;
        _input = input;
        _decoder = decoder;
        _encoding = encoding;
        _maxCompressedBytes = maxCompressedBytes;
        _maxDecodedBytes = maxDecodedBytes;
    }

    public long DecodedBytes { get; private set; }

    // Set once the stream ended for any reason other than the body's end.
    public DecodeResult? Failure { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Failure is not null || buffer.IsEmpty)
        {
            return 0;
        }

        // Reading one byte past the cap is enough to know it was crossed.
        var room = (int)Math.Min(buffer.Length, _maxDecodedBytes + 1 - DecodedBytes);
        int read;
        try
        {
            read = await _decoder.ReadAsync(buffer[..room], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ContentDecoder.IsDecoderFailure(ex, _encoding))
        {
            Failure = _input.IsOverLimit
                ? ContentDecoder.CompressedTooLarge(_maxCompressedBytes)
                : ContentDecoder.IsWindowTooLarge(ex)
                ? ContentDecoder.WindowTooLarge()
                : new DecodeResult(DecodeStatus.Corrupt, null, $"failed to decode {ContentEncodingNames.Describe(_encoding)} payload: {ex.Message}");
            return 0;
        }

        DecodedBytes += read;
        if (_input.IsOverLimit)
        {
            Failure = ContentDecoder.CompressedTooLarge(_maxCompressedBytes);
            return 0;
        }

        if (_maxCompressionRatio > 0 && DecodedBytes > ContentDecoder.RatioFreeBytes && DecodedBytes > _maxCompressionRatio * Math.Max(1, _input.BytesRead))
        {
            Failure = new DecodeResult(
                DecodeStatus.TooLarge, null, $"body inflates more than {_maxCompressionRatio} times its compressed size; refused as a decompression bomb");
            return 0;
        }

        if (DecodedBytes > _maxDecodedBytes)
        {
            Failure = new DecodeResult(DecodeStatus.TooLarge, null, $"decoded body exceeds {_maxDecodedBytes} bytes");
            return 0;
        }

        if (DecodedBytes > ContentDecoder.RatioFreeBytes)
        {
            // Decoding is CPU work on the thread pool; a large body goes to the back of the queue after every
            // read, so a burst of them cannot keep small requests (and /health/live) waiting for a thread.
            await Task.Yield();
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override async ValueTask DisposeAsync()
    {
        if (_decoder != _input)
        {
            await _decoder.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _decoder != _input)
        {
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    // Exposed for ContentDecoder only: ZstdSharp is this assembly's dependency, not the callers'.
    internal static Stream Zstd(Stream input)
    {
        var stream = new DecompressionStream(input, leaveOpen: true);
        stream.SetParameter(ZstdSharp.Unsafe.ZSTD_dParameter.ZSTD_d_windowLogMax, ContentDecoder.MaxZstdWindowLog);
        return stream;
    }
}
