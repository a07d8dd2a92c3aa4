using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Bugsink.E2E.Reporting;

// The lines the runner reads from every e2e program: "E2E_EVENT {...}" for each error event the SDK is
// about to send, "E2E_SEND {...}" for each HTTP request its transport made (status, item types,
// client-report outcomes). Everything else on the output is the SDK's own debug log.
public static class E2EReport
{
    public static string Env(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            Console.Out.WriteLine($"E2E_FATAL missing {name}");
            Environment.Exit(2);
        }

        return value;
    }

    public static void Emit(string kind, object payload)
    {
        // One write per line: the SDK's logger writes from other threads.
        Console.Out.WriteLine(kind + " " + JsonSerializer.Serialize(payload));
        Console.Out.Flush();
    }

    // Item types and client-report outcomes of an envelope body (gzip-compressed by the SDK).
    public static (List<string> Types, List<JsonElement> Discarded) DescribeEnvelope(byte[] body, bool gzip)
    {
        if (gzip)
        {
            using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            body = output.ToArray();
        }

        var types = new List<string>();
        var discarded = new List<JsonElement>();
        var offset = Array.IndexOf(body, (byte)'\n') + 1;
        while (offset > 0 && offset < body.Length)
        {
            var end = NextNewline(body, offset);
            if (end == offset)
            {
                break;
            }

            using var header = JsonDocument.Parse(body.AsMemory(offset, end - offset));
            offset = end + 1;
            var type = header.RootElement.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            var payloadEnd = header.RootElement.TryGetProperty("length", out var length)
                ? Math.Min(body.Length, offset + length.GetInt32())
                : NextNewline(body, offset);
            types.Add(type);
            if (type == "client_report")
            {
                using var report = JsonDocument.Parse(body.AsMemory(offset, payloadEnd - offset));
                if (report.RootElement.TryGetProperty("discarded_events", out var events))
                {
                    discarded.AddRange(events.EnumerateArray().Select(e => e.Clone()));
                }
            }

            offset = payloadEnd + 1;
        }

        return (types, discarded);
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static int NextNewline(byte[] body, int from)
    {
        var index = Array.IndexOf(body, (byte)'\n', from);
        return index < 0 ? body.Length : index;
    }
}

// The innermost HTTP handler of the SDK's transport (SentryOptions.CreateHttpMessageHandler): every
// request still goes out unchanged; this only notes what was sent and what the server answered.
public sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler()
        : base(new HttpClientHandler())
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var gzip = request.Content?.Headers.ContentEncoding.Contains("gzip") ?? false;
        var (types, discarded) = E2EReport.DescribeEnvelope(body, gzip);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            E2EReport.Emit("E2E_SEND", new { status = (int)response.StatusCode, types, discarded });
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            E2EReport.Emit("E2E_SEND", new { status = (int?)null, error = exception.Message, types, discarded });
            throw;
        }
    }
}
