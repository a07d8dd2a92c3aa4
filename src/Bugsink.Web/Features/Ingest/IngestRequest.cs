using Bugsink.Sentry.Auth;

namespace Bugsink.Web.Features.Ingest;

// One authenticated-as-far-as-possible request with its decoded body. The body memory is pooled
// and only valid until the request ends.
public sealed record IngestRequest(HttpContext Context, long ProjectId, RequestCredentials Credentials, ReadOnlyMemory<byte> Body)
{
    public string? RemoteAddress => Context.Connection.RemoteIpAddress?.ToString();
}

// What the request answers; written once at the end so every path sets CORS and JSON the same way.
public sealed record IngestOutcome(int StatusCode, string? EventId, string? Detail, IReadOnlyList<string>? Causes)
{
    public static IngestOutcome Ok(string? eventId) => new(StatusCodes.Status200OK, eventId, null, null);

    public static IngestOutcome Error(int statusCode, string detail, IReadOnlyList<string>? causes = null) => new(statusCode, null, detail, causes);

    // Seconds an SDK is asked to wait after a 503 (the inbox could not be written: disk full, I/O error).
    private const string StorageRetryAfterSeconds = "10";

    public Task WriteAsync(HttpContext context)
    {
        if (StatusCode == StatusCodes.Status200OK)
        {
            return IngestResponses.OkAsync(context, EventId);
        }

        if (StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = StorageRetryAfterSeconds;
        }

        return IngestResponses.ErrorAsync(context, StatusCode, Detail ?? "error", Causes);
    }
}
