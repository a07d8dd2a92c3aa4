using System.IO.Compression;
using System.Text;
using Bugsink.Sentry.Compression;

namespace Bugsink.Sentry.Tests.Compression;

public class ContentDecoderLimitTests
{
    private const long OneMiB = 1024 * 1024;

    private static readonly Lazy<byte[]> s_gzipBomb = new(BuildGzipBomb);

    [Fact]
    public async Task GzipBombOfOneGiB_StopsAtTheDecodedCap()
    {
        var bomb = s_gzipBomb.Value;
        var body = new MemoryStream(bomb);

        var result = await ContentDecoder.ReadAsync(body, "gzip", 20 * OneMiB, 100 * OneMiB, CancellationToken.None);

        Assert.Equal(DecodeStatus.TooLarge, result.Status);
        Assert.Null(result.Body);
        Assert.Contains("decoded", result.Message, StringComparison.Ordinal);
        Assert.True(body.Position < bomb.Length / 5, $"read {body.Position} of {bomb.Length} compressed bytes");
    }

    [Theory]
    [InlineData(null, 1000, 1000, DecodeStatus.Ok)]
    [InlineData(null, 1000, 999, DecodeStatus.TooLarge)]
    [InlineData("gzip", 100_000, 100_000, DecodeStatus.Ok)]
    [InlineData("gzip", 100_000, 99_999, DecodeStatus.TooLarge)]
    [InlineData("br", 100_000, 99_999, DecodeStatus.TooLarge)]
    [InlineData("zstd", 100_000, 99_999, DecodeStatus.TooLarge)]
    [InlineData("deflate", 100_000, 99_999, DecodeStatus.TooLarge)]
    [InlineData("gzip", 100_000, 0, DecodeStatus.TooLarge)]
    public async Task DecodedSize_IsCappedExactly(string? contentEncoding, int size, long maxDecoded, DecodeStatus status)
    {
        var content = new byte[size];
        var body = contentEncoding is null ? content : Compressed.Encode(contentEncoding == "deflate" ? "zlib" : contentEncoding, content);

        var result = await ContentDecoder.ReadAsync(new TrickleStream(body), contentEncoding, OneMiB, maxDecoded, CancellationToken.None);

        Assert.Equal(status, result.Status);
        result.Body?.Dispose();
    }

    [Theory]
    [InlineData(null, 0, DecodeStatus.Ok)]
    [InlineData(null, -1, DecodeStatus.TooLarge)]
    [InlineData("gzip", 0, DecodeStatus.Ok)]
    [InlineData("gzip", -1, DecodeStatus.TooLarge)]
    [InlineData("zstd", -1, DecodeStatus.TooLarge)]
    [InlineData("br", -1, DecodeStatus.TooLarge)]
    [InlineData("deflate", -1, DecodeStatus.TooLarge)]
    public async Task CompressedSize_IsCappedExactly(string? contentEncoding, int capOffset, DecodeStatus status)
    {
        var content = new byte[50_000];
        new Random(3).NextBytes(content);
        var body = contentEncoding is null ? content : Compressed.Encode(contentEncoding == "deflate" ? "zlib" : contentEncoding, content);

        var result = await ContentDecoder.ReadAsync(new TrickleStream(body), contentEncoding, body.Length + capOffset, OneMiB, CancellationToken.None);

        Assert.Equal(status, result.Status);
        if (status == DecodeStatus.TooLarge)
        {
            Assert.Contains("request body", result.Message, StringComparison.Ordinal);
        }

        result.Body?.Dispose();
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("deflate", "zlib")]
    [InlineData("br", "br")]
    [InlineData("zstd", "zstd")]
    public async Task CorruptedStream_IsCorrupt(string contentEncoding, string compression)
    {
        var content = Encoding.UTF8.GetBytes(new string('x', 5000) + "the quick brown fox jumps over the lazy dog");
        var body = Compressed.Encode(compression, content);
        for (var i = 10; i < body.Length - 4; i += 3)
        {
            body[i] ^= 0x5a;
        }

        var result = await ContentDecoder.ReadAsync(new MemoryStream(body), contentEncoding, OneMiB, OneMiB, CancellationToken.None);

        Assert.Equal(DecodeStatus.Corrupt, result.Status);
        Assert.Null(result.Body);
        Assert.False(string.IsNullOrEmpty(result.Message));
    }

    [Theory]
    [InlineData("gzip", "{\"not\":\"compressed\"}")]
    [InlineData("gzip", "x")]
    [InlineData("deflate", "x")]
    [InlineData("br", "{\"not\":\"compressed\"}")]
    [InlineData("zstd", "{\"not\":\"compressed\"}")]
    public async Task PlainTextLabelledCompressed_IsCorrupt(string contentEncoding, string text)
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var result = await ContentDecoder.ReadAsync(body, contentEncoding, OneMiB, OneMiB, CancellationToken.None);

        Assert.Equal(DecodeStatus.Corrupt, result.Status);
    }

    [Fact]
    public async Task TruncatedZstdFrame_IsCorrupt()
    {
        var body = Compressed.Encode("zstd", Encoding.UTF8.GetBytes(new string('y', 10_000)));

        var result = await ContentDecoder.ReadAsync(new MemoryStream(body, 0, body.Length - 3), "zstd", OneMiB, OneMiB, CancellationToken.None);

        Assert.Equal(DecodeStatus.Corrupt, result.Status);
    }

    private static byte[] BuildGzipBomb()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 1024; i++)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
