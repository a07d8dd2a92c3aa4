using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;

namespace Bugsink.Sentry.Store;

// Unwraps a legacy /store/ body (PROTOCOL.md §8): plain JSON, or base64 text, or base64(zlib(JSON)) as old
// raven clients sent it without any Content-Encoding. HTTP Content-Encoding has already been removed by then.
// This path is rare, so it allocates plain arrays instead of pooling.
public static class StoreBodyDecoder
{
    private static readonly SearchValues<byte> s_whitespace = SearchValues.Create(" \t\r\n"u8);

    public static bool TryDecode(ReadOnlyMemory<byte> body, long maxBytes, out ReadOnlyMemory<byte> json, out string? error) =>
        TryDecode(body, maxBytes, out json, out _, out error);

    // Same, but also tells the caller which status to answer: TooLarge maps to 413, the rest to 400.
    public static bool TryDecode(
        ReadOnlyMemory<byte> body, long maxBytes, out ReadOnlyMemory<byte> json, out StoreBodyProblem problem, out string? error)
    {
        json = default;
        var text = Trim(body);
        (problem, error) = text.IsEmpty ? (StoreBodyProblem.Empty, "empty request body")
            : text.Length > maxBytes ? TooLarge(maxBytes)
            : (StoreBodyProblem.None, null);
        if (problem != StoreBodyProblem.None)
        {
            return false;
        }

        if (text.Span[0] == (byte)'{')
        {
            json = body;
            return true;
        }

        var decoded = DecodeBase64(text.Span);
        if (decoded is null)
        {
            (problem, error) = (StoreBodyProblem.InvalidBase64, "body is neither JSON nor base64");
            return false;
        }

        var inner = Trim(decoded);
        if (!inner.IsEmpty && inner.Span[0] == (byte)'{')
        {
            json = inner;
            return true;
        }

        (problem, error) = Inflate(decoded, maxBytes, out json);
        if (problem != StoreBodyProblem.None)
        {
            json = default;
            return false;
        }

        return true;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var start = span.IndexOfAnyExcept(s_whitespace);
        return start < 0 ? ReadOnlyMemory<byte>.Empty : data[start..(span.LastIndexOfAnyExcept(s_whitespace) + 1)];
    }

    // Old clients wrap base64 lines, so whitespace inside is dropped before a second attempt.
    private static byte[]? DecodeBase64(ReadOnlySpan<byte> text)
    {
        var output = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        if (Base64.DecodeFromUtf8(text, output, out _, out var written) != OperationStatus.Done)
        {
            var compact = new byte[text.Length];
            var length = 0;
            foreach (var b in text)
            {
                if (!s_whitespace.Contains(b))
                {
                    compact[length++] = b;
                }
            }

            if (Base64.DecodeFromUtf8(compact.AsSpan(0, length), output, out _, out written) != OperationStatus.Done)
            {
                return null;
            }
        }

        return output.AsSpan(0, written).ToArray();
    }

    private static (StoreBodyProblem, string?) Inflate(byte[] compressed, long maxBytes, out ReadOnlyMemory<byte> json)
    {
        json = default;
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var zlib = OpenDecompressor(input, compressed);
            using var output = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = zlib.Read(chunk)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return TooLarge(maxBytes);
                }

                output.Write(chunk, 0, read);
            }

            json = output.GetBuffer().AsMemory(0, (int)output.Length);
        }
        catch (InvalidDataException ex)
        {
            return (StoreBodyProblem.Corrupt, $"failed to inflate base64 body: {ex.Message}");
        }

        var text = json.Span;
        var start = text.IndexOfAnyExcept(s_whitespace);
        return start >= 0 && text[start] == (byte)'{'
            ? (StoreBodyProblem.None, null)
            : (StoreBodyProblem.NotJsonObject, "decoded body is not a JSON object");
    }

    // Old clients used zlib; accepting gzip and raw deflate too costs nothing.
    private static Stream OpenDecompressor(Stream input, byte[] head)
    {
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return new GZipStream(input, CompressionMode.Decompress);
        }

        return head.Length >= 2 && head[0] == 0x78 && ((head[0] * 256) + head[1]) % 31 == 0
            ? new ZLibStream(input, CompressionMode.Decompress)
            : new DeflateStream(input, CompressionMode.Decompress);
    }

    private static (StoreBodyProblem, string?) TooLarge(long maxBytes) =>
        (StoreBodyProblem.TooLarge, $"event body exceeds {maxBytes} bytes");
}
