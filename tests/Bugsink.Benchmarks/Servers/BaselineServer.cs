using System.Buffers;
using System.IO.Compression;

namespace Bugsink.Benchmarks.Servers;

// The floor to compare against: Kestrel that reads and (when gzip) inflates the body, then answers 200 {}.
// It runs as its own process (`baseline-server --urls URL`) so it gets the same share of the cores as the
// real server does, and the same client and payloads measure both.
public static class BaselineServer
{
    public const string Command = "baseline-server";
    public const string ReadyMarker = "Baseline is listening on";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        app.MapPost("/api/{projectId}/envelope/", ReadAndAnswerAsync);
        await app.StartAsync();
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"{ReadyMarker} {url}");
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    public static async Task<ChildProcess> StartProcessAsync(Uri baseUrl)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "Bugsink.Benchmarks.dll");
        return await ChildProcess.StartAsync([self, Command, "--urls", baseUrl.ToString().TrimEnd('/')], ReadyMarker, null, TimeSpan.FromSeconds(60));
    }

    private static async Task ReadAndAnswerAsync(HttpContext context)
    {
        var body = context.Request.Body;
        var gzip = string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using var decoded = gzip ? new GZipStream(body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = decoded ?? body;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await source.ReadAsync(buffer, context.RequestAborted) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}", context.RequestAborted);
    }
}
