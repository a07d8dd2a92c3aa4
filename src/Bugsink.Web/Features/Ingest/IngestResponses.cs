using System.Text.Json;

namespace Bugsink.Web.Features.Ingest;

// Every ingest answer is JSON and carries CORS headers, errors and 429s included: without
// Allow-Origin a browser hides the answer and the SDK records a network error (PROTOCOL.md §3).
public static class IngestResponses
{
    public static void AddCorsHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "x-sentry-error, x-sentry-rate-limits, retry-after";
    }

    public static Task PreflightAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        AddCorsHeaders(context.Response);
        headers.AccessControlAllowMethods = "POST, OPTIONS";
        headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.Count > 0
            ? context.Request.Headers.AccessControlRequestHeaders
            : "x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, content-type, authentication, authorization, content-encoding, transfer-encoding, sentry-trace, baggage";
        headers.AccessControlMaxAge = "3600";
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    public static Task OkAsync(HttpContext context, string? eventId)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        // Always a JSON body: sentry-elixir treats an empty success body as a failure (PROTOCOL.md §7.1).
        return context.Response.WriteAsync(eventId is null ? "{}" : "{\"id\":\"" + eventId + "\"}");
    }

    public static Task ErrorAsync(HttpContext context, int statusCode, string detail, IReadOnlyList<string>? causes = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        // Header values must be ASCII without line breaks; the JSON body carries the full text.
        response.Headers["X-Sentry-Error"] = HeaderSafe(detail);
        var body = JsonSerializer.Serialize(new ErrorBody(detail, causes ?? []), IngestJsonContext.Default.ErrorBody);
        return response.WriteAsync(body);
    }

    // Back-pressure: the whole installation is behind, so the limit is the organization's and covers everything.
    public static Task TooManyRequestsAsync(HttpContext context, int retryAfterSeconds, string detail)
    {
        RateLimitHeaders.WriteRefusal(context.Response, [new RateLimit(Math.Max(1, retryAfterSeconds), RateLimit.OrganizationScope)]);
        return ErrorAsync(context, StatusCodes.Status429TooManyRequests, detail);
    }

    private static string HeaderSafe(string text)
    {
        var chars = text.Length > 200 ? text[..200].ToCharArray() : text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] < 0x20 || chars[i] > 0x7e)
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}

public sealed record ErrorBody(string Detail, IReadOnlyList<string> Causes);
