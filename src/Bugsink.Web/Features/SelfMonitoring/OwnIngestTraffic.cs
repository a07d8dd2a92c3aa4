using System.Text.RegularExpressions;
using Bugsink.Web.Features.Ingest;

namespace Bugsink.Web.Features.SelfMonitoring;

// Recognises the server's own ingest traffic in what the SDK is about to send. Reporting on it would
// send an event about an event, and with the DSN pointing at this server every report would be ingest
// traffic again: a loop. Matches the ingest endpoints of today (IngestPath) and the other Sentry ingest
// paths an SDK may post to, anywhere in a URL or a log line (behind a path prefix too).
public static partial class OwnIngestTraffic
{
    public static bool IsIngestPath(string? path) =>
        !string.IsNullOrEmpty(path) && (IngestPath.TryMatch(path, out _, out _) || IngestPathPattern().IsMatch(path));

    // A full URL (an event's or a transaction's request), or a bare path.
    public static bool IsIngestUrl(string? url) =>
        !string.IsNullOrEmpty(url)
        && IsIngestPath(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url.Split('?', 2)[0]);

    // Free text such as a breadcrumb from "Request starting POST http://host/api/1/envelope/ …".
    public static bool MentionsIngestPath(string? text) => !string.IsNullOrEmpty(text) && IngestPathPattern().IsMatch(text);

    [GeneratedRegex(@"/api/(?:[^/\s?]+/(?:store|envelope|security|minidump|unreal)|embed/error-page)/?(?=$|[\s?#])", RegexOptions.CultureInvariant)]
    private static partial Regex IngestPathPattern();
}
