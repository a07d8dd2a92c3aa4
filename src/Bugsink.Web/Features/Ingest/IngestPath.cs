namespace Bugsink.Web.Features.Ingest;

public enum IngestEndpoint
{
    Envelope,
    Store,

    // Browsers' CSP reports (report-uri and the Reporting API), as Sentry's /api/{id}/security/.
    Security,
}

// Matches ".../api/{id}/envelope/", ".../api/{id}/store/" and ".../api/{id}/security/" by suffix, with or without the trailing
// slash and with repeated slashes folded, so any path prefix in the DSN works (PROTOCOL.md §1.3).
public static class IngestPath
{
    public static bool TryMatch(string path, out IngestEndpoint endpoint, out string projectId)
    {
        endpoint = IngestEndpoint.Envelope;
        projectId = "";
        if (!path.Contains("/api/", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        Span<Range> ranges = stackalloc Range[64];
        var span = path.AsSpan();
        var count = span.Split(ranges, '/', StringSplitOptions.RemoveEmptyEntries);
        if (count < 3 || count > 63)
        {
            return false;
        }

        var last = span[ranges[count - 1]];
        if (last.Equals("envelope", StringComparison.Ordinal))
        {
            endpoint = IngestEndpoint.Envelope;
        }
        else if (last.Equals("store", StringComparison.Ordinal))
        {
            endpoint = IngestEndpoint.Store;
        }
        else if (last.Equals("security", StringComparison.Ordinal))
        {
            endpoint = IngestEndpoint.Security;
        }
        else
        {
            return false;
        }

        if (!span[ranges[count - 3]].Equals("api", StringComparison.Ordinal))
        {
            return false;
        }

        projectId = span[ranges[count - 2]].ToString();
        return true;
    }
}
