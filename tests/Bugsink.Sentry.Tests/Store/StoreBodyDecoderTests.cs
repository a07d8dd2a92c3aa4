using System.IO.Compression;
using System.Text;
using Bugsink.Sentry.Store;

namespace Bugsink.Sentry.Tests.Store;

public class StoreBodyDecoderTests
{
    private const string Event = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"message\":\"hello\"}";

    [Theory]
    [InlineData("plain")]
    [InlineData("plain-leading-whitespace")]
    [InlineData("base64")]
    [InlineData("base64-wrapped")]
    [InlineData("base64-zlib")]
    [InlineData("base64-raw-deflate")]
    [InlineData("base64-gzip")]
    public void LegacyBodyForm_DecodesToTheEventJson(string form)
    {
        var body = Encode(form, Encoding.UTF8.GetBytes(Event));

        Assert.True(StoreBodyDecoder.TryDecode(body, 1024, out var json, out var error), error);
        Assert.Equal(Event, Encoding.UTF8.GetString(json.Span).Trim());
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", StoreBodyProblem.Empty)]
    [InlineData(" \r\n ", StoreBodyProblem.Empty)]
    [InlineData("not base64 at all!", StoreBodyProblem.InvalidBase64)]
    [InlineData("aGVsbG8gd29ybGQ=", StoreBodyProblem.Corrupt)]
    [InlineData("W10=", StoreBodyProblem.NotJsonObject)]
    public void UnusableBody_ReportsTheProblem(string body, StoreBodyProblem problem)
    {
        var ok = StoreBodyDecoder.TryDecode(Encoding.UTF8.GetBytes(body), 1024, out var json, out var reported, out var error);

        Assert.False(ok);
        Assert.Equal(problem, reported);
        Assert.True(json.IsEmpty);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("base64")]
    [InlineData("base64-zlib")]
    public void BodyOverTheCap_IsTooLarge(string form)
    {
        var body = Encode(form, Encoding.UTF8.GetBytes("{\"message\":\"" + new string('a', 5000) + "\"}"));

        var ok = StoreBodyDecoder.TryDecode(body, 4000, out _, out var problem, out _);

        Assert.False(ok);
        Assert.Equal(StoreBodyProblem.TooLarge, problem);
    }

    private static byte[] Encode(string form, byte[] json) => form switch
    {
        "plain" => json,
        "plain-leading-whitespace" => [.. " \n"u8, .. json],
        "base64" => Encoding.ASCII.GetBytes(Convert.ToBase64String(json)),
        "base64-wrapped" => Encoding.ASCII.GetBytes(Convert.ToBase64String(json, Base64FormattingOptions.InsertLineBreaks).Insert(10, "\n") + "\n"),
        "base64-zlib" => Encoding.ASCII.GetBytes(Convert.ToBase64String(Deflate(json, s => new ZLibStream(s, CompressionLevel.Optimal)))),
        "base64-raw-deflate" => Encoding.ASCII.GetBytes(Convert.ToBase64String(Deflate(json, s => new DeflateStream(s, CompressionLevel.Optimal)))),
        "base64-gzip" => Encoding.ASCII.GetBytes(Convert.ToBase64String(Deflate(json, s => new GZipStream(s, CompressionLevel.Optimal)))),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    private static byte[] Deflate(byte[] content, Func<Stream, Stream> open)
    {
        using var output = new MemoryStream();
        using (var compressor = open(output))
        {
            compressor.Write(content);
        }

        return output.ToArray();
    }
}
