using System.IO.Compression;
using Bugsink.Sentry.Compression;

namespace Bugsink.Sentry.Tests.Compression;

// Issue 19, item 1: a gzip bomb with a valid key must be answered within seconds, so it cannot be decoded to
// the envelope cap (100 MiB) first: 32 of them at once would inflate 3.2 GiB on two cores. A body that inflates
// more than the ratio allows, once past its first mebibyte, is refused while it is read.
public class CompressionRatioTests
{
    private const long OneMiB = 1024 * 1024;
    private const long EnvelopeCap = 100 * OneMiB;

    [Fact]
    public async Task GzipBomb_IsRefusedForItsRatio_SoonAfterTheFirstMebibyte()
    {
        var (failure, decoded) = await DrainAsync(Gzip(Zeros(150 * OneMiB)));

        Assert.Equal(DecodeStatus.TooLarge, failure?.Status);
        Assert.Contains("inflates more than 100 times", failure!.Value.Message, StringComparison.Ordinal);
        Assert.True(decoded < 2 * OneMiB, $"decoded {decoded} bytes before refusing");
    }

    [Fact]
    public async Task OrdinaryCompressibleBody_OverTheFreeMebibyte_IsReadWhole()
    {
        // Text-like data compresses 3-10 times, as event JSON and logs do.
        var random = new Random(19);
        var words = Enumerable.Range(0, 2000).Select(_ => new string((char)('a' + random.Next(26)), random.Next(3, 12))).ToArray();
        using var text = new MemoryStream();
        while (text.Length < 8 * OneMiB)
        {
            text.Write(System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)] + " " + random.Next(100000) + "\n"));
        }

        var (failure, decoded) = await DrainAsync(Gzip(text.ToArray()));

        Assert.Null(failure);
        Assert.Equal(text.Length, decoded);
    }

    [Fact]
    public async Task RatioZero_TurnsTheRuleOff_AndTheDecodedCapStillHolds()
    {
        var (failure, decoded) = await DrainAsync(Gzip(Zeros(150 * OneMiB)), maxRatio: 0);

        Assert.Equal(DecodeStatus.TooLarge, failure?.Status);
        Assert.Contains("exceeds", failure!.Value.Message, StringComparison.Ordinal);
        Assert.Equal(EnvelopeCap + 1, decoded);
    }

    private static async Task<(DecodeResult? Failure, long Decoded)> DrainAsync(byte[] body, long? maxRatio = null)
    {
        var (stream, refusal) = maxRatio is { } ratio
            ? await ContentDecoder.OpenAsync(new MemoryStream(body), "gzip", 20 * OneMiB, EnvelopeCap, CancellationToken.None, ratio)
            : await ContentDecoder.OpenAsync(new MemoryStream(body), "gzip", 20 * OneMiB, EnvelopeCap, CancellationToken.None);
        Assert.Null(refusal);
        await using (stream)
        {
            var buffer = new byte[64 * 1024];
            while (await stream!.ReadAsync(buffer) > 0)
            {
            }

            return (stream.Failure, stream.DecodedBytes);
        }
    }

    private static byte[] Zeros(long length)
    {
        var zeros = new byte[length];
        return zeros;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
