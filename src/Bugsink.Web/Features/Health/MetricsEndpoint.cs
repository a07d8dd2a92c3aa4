using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Health;

// GET /metrics in the Prometheus text format (version 0.0.4). Six series do not justify a metrics
// library and its process-wide registry; the format is a few lines of text per series.
// It carries counts only, never event data; keep it from the internet at the proxy if you prefer.
public static class MetricsEndpoint
{
    public static Task WriteAsync(HttpContext context, ServerMetrics metrics, InboxBacklog backlog, InboxLag lag, IOptions<IngestOptions> ingest, IOptions<MetricsOptions> options)
    {
        if (!Authorized(context, options.Value.Token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return context.Response.WriteAsJsonAsync(new { detail = "This server's /metrics needs Authorization: Bearer TOKEN (Bugsink:Metrics:Token)." });
        }

        var text = new StringBuilder(1024);
        Counter(text, "bugsink_events_ingested_total", "Events acknowledged to SDKs (committed to the inbox) since start.", metrics.EventsIngested);
        Counter(text, "bugsink_events_digested_total", "Events taken from the inbox by the digest since start.", metrics.EventsDigested);

        Header(text, "bugsink_ingest_rejected_total", "counter", "Ingest requests answered with an error since start, by reason.");
        foreach (var (status, count) in metrics.RejectedByStatus())
        {
            text.Append(CultureInfo.InvariantCulture, $"bugsink_ingest_rejected_total{{reason=\"{RejectionReason(status)}\",status=\"{status}\"}} {count}\n");
        }

        Gauge(text, "bugsink_digest_backlog_events", "Acknowledged events waiting for the digest.", backlog.Count);
        Gauge(text, "bugsink_digest_backlog_limit_events", "Backlog above which ingest answers 429 and /health/ready fails.", ingest.Value.MaxBacklog);
        Header(text, "bugsink_digest_lag_seconds", "gauge", "Age of the oldest event waiting for the digest (0 when none waits).");
        text.Append(CultureInfo.InvariantCulture, $"bugsink_digest_lag_seconds {lag.Measure().TotalSeconds:0.###}\n");

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text.ToString());
    }

    // The status codes ingest answers with, named for what they mean to an operator.
    public static string RejectionReason(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status401Unauthorized => "missing_auth",
        StatusCodes.Status403Forbidden => "unknown_or_disabled_key",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_encoding",
        StatusCodes.Status429TooManyRequests => "backlog_full",
        StatusCodes.Status503ServiceUnavailable => "not_stored",
        _ => "other",
    };

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, "counter", help);
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }

    private static void Gauge(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, "gauge", help);
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static bool Authorized(HttpContext context, string? token) =>
        string.IsNullOrEmpty(token)
        || (BearerToken.From(context.Request) is { } given
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token)));
}
