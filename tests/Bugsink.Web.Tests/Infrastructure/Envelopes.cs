using System.IO.Compression;
using System.Text;

namespace Bugsink.Web.Tests.Infrastructure;

// Builds envelopes and bodies byte by byte, the way the SDKs frame them (PROTOCOL.md §5.3).
public static class Envelopes
{
    public static string NewEventId() => Guid.NewGuid().ToString("N");

    public static string MinimalEvent(string eventId, string message = "Something broke") =>
        $$$"""{"event_id":"{{{eventId}}}","platform":"csharp","level":"error","exception":{"values":[{"type":"InvalidOperationException","value":"{{{message}}}"}]}}""";

    // .NET/Python style: explicit lengths and a trailing newline.
    public static byte[] WithLengths(string? header, params (string ItemHeader, byte[] Payload)[] items)
    {
        using var stream = new MemoryStream();
        Write(stream, header ?? "{}");
        foreach (var (itemHeader, payload) in items)
        {
            stream.WriteByte((byte)'\n');
            var withLength = itemHeader.TrimEnd('}') + (itemHeader.Length > 2 ? "," : "") + $"\"length\":{payload.Length}}}";
            Write(stream, withLength);
            stream.WriteByte((byte)'\n');
            stream.Write(payload);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    // JavaScript style: implicit lengths, no final newline.
    public static byte[] Implicit(string header, params (string ItemHeader, string Payload)[] items)
    {
        var text = new StringBuilder(header);
        foreach (var (itemHeader, payload) in items)
        {
            text.Append('\n').Append(itemHeader).Append('\n').Append(payload);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] EventEnvelope(string eventId, string? payload = null) =>
        WithLengths($$"""{"event_id":"{{eventId}}"}""", ("""{"type":"event"}""", Encoding.UTF8.GetBytes(payload ?? MinimalEvent(eventId))));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
