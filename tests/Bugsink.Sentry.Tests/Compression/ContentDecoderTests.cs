using System.Text;
using Bugsink.Sentry.Compression;

namespace Bugsink.Sentry.Tests.Compression;

public class ContentDecoderTests
{
    private const long Cap = 1024 * 1024;

    private static readonly byte[] s_envelope = Encoding.UTF8.GetBytes(
        "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n{\"type\":\"event\"}\n{\"message\":\"héllo wörld\"}\n");

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("gzip", "zlib")]
    [InlineData("deflate", "zlib")]
    [InlineData("deflate", "raw-deflate")]
    [InlineData("br", "br")]
    [InlineData("zstd", "zstd")]
    [InlineData(" zstd ", "zstd")]
    public void CompressedBody_RoundTrips(string contentEncoding, string compression)
    {
        var body = Compressed.Encode(compression, s_envelope);

        var result = Decode(new MemoryStream(body), contentEncoding);

        Assert.Equal(DecodeStatus.Ok, result.Status);
        using var decoded = result.Body!;
        Assert.Equal(s_envelope, decoded.Content.ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("identity")]
    [InlineData("none")]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    public void IdentityBody_IsReturnedAsIs(string? contentEncoding)
    {
        var result = Decode(new MemoryStream(s_envelope), contentEncoding);

        Assert.Equal(DecodeStatus.Ok, result.Status);
        using var decoded = result.Body!;
        Assert.Equal(s_envelope, decoded.Content.ToArray());
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("gzip, br")]
    [InlineData("lz4")]
    public void UnknownEncoding_IsUnsupported(string contentEncoding)
    {
        var result = Decode(new MemoryStream(s_envelope), contentEncoding);

        Assert.Equal(DecodeStatus.UnsupportedEncoding, result.Status);
        Assert.Null(result.Body);
        Assert.Contains(contentEncoding, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    public void EmptyBody_DecodesToEmpty(string? contentEncoding)
    {
        var result = Decode(new MemoryStream(), contentEncoding);

        Assert.Equal(DecodeStatus.Ok, result.Status);
        using var decoded = result.Body!;
        Assert.Equal(0, decoded.Content.Length);
    }

    [Theory]
    [InlineData(null, "identity")]
    [InlineData("gzip", "gzip")]
    [InlineData("deflate", "zlib")]
    [InlineData("deflate", "raw-deflate")]
    [InlineData("br", "br")]
    [InlineData("zstd", "zstd")]
    public void TrickledChunkedBody_DecodesCompletely(string? contentEncoding, string compression)
    {
        var content = new byte[200_000];
        new Random(7).NextBytes(content.AsSpan(0, 50_000));
        var body = compression == "identity" ? content : Compressed.Encode(compression, content);
        var stream = new TrickleStream(body);

        var result = Decode(stream, contentEncoding);

        Assert.Equal(DecodeStatus.Ok, result.Status);
        using var decoded = result.Body!;
        Assert.True(decoded.Content.Span.SequenceEqual(content));
        Assert.True(stream.Reads > body.Length / 7);
    }

    [Fact]
    public void DisposedBody_RefusesAccess()
    {
        var result = Decode(new MemoryStream(s_envelope), null);
        var body = result.Body!;

        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Content);
    }

    private static DecodeResult Decode(Stream body, string? contentEncoding) =>
        ContentDecoder.ReadAsync(body, contentEncoding, Cap, Cap, CancellationToken.None).GetAwaiter().GetResult();
}
