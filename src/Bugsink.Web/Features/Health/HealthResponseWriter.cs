using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bugsink.Web.Features.Health;

// {"status":"unhealthy","reason":"digest_backlog: …","checks":{"database":{"status":"healthy"},…}}:
// the reason names what failed so whoever reads a failing probe knows where to look.
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Exception?.Message ?? entry.Value.Status.ToString()}")
            .ToList();
        var body = new HealthBody(
            StatusText(report.Status),
            failing.Count == 0 ? null : string.Join("; ", failing),
            report.Entries.Count == 0
                ? null
                : report.Entries.ToDictionary(entry => entry.Key, entry => new CheckBody(StatusText(entry.Value.Status), entry.Value.Description)));
        context.Response.ContentType = "application/json";
        // A probe must see the state now, never a cached answer from a proxy.
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        HealthStatus.Unhealthy => "unhealthy",
        _ => "unknown",
    };

    private sealed record HealthBody(string Status, string? Reason, IReadOnlyDictionary<string, CheckBody>? Checks);

    private sealed record CheckBody(string Status, string? Description);
}
