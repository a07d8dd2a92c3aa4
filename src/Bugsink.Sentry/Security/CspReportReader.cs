using System.Text.Json;

namespace Bugsink.Sentry.Security;

// Reads what browsers POST to a CSP report endpoint (Sentry's /api/{project}/security/):
// - `report-uri`: application/csp-report, {"csp-report": {"document-uri": …, "effective-directive": …}};
// - `report-to` (Reporting API): application/reports+json, an array of {"type": "csp-violation",
//   "user_agent": …, "body": {"documentURL": …, "effectiveDirective": …}}; other report types are skipped.
// The shape decides, not the Content-Type, which browsers and proxies do not always send as specified.
public static class CspReportReader
{
    // A Reporting API batch is small in practice; more than this in one body is refused, not truncated.
    public const int MaxReportsPerBody = 100;

    public static bool TryRead(ReadOnlyMemory<byte> body, out List<CspViolation> violations, out string? error)
    {
        violations = [];
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            error = "the body is not JSON: " + exception.Message;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("csp-report", out var legacy))
            {
                return Add(violations, FromLegacy(legacy), ref error);
            }

            var reports = root.ValueKind switch
            {
                JsonValueKind.Array => [.. root.EnumerateArray()],
                JsonValueKind.Object => new List<JsonElement> { root },
                _ => [],
            };
            if (reports.Count > MaxReportsPerBody)
            {
                error = $"more than {MaxReportsPerBody} reports in one body";
                return false;
            }

            foreach (var report in reports.Where(r => r.ValueKind == JsonValueKind.Object && Text(r, "type") == "csp-violation"))
            {
                if (!Add(violations, FromReportingApi(report), ref error))
                {
                    return false;
                }
            }

            if (violations.Count == 0)
            {
                error = "no CSP violation in the body: expected {\"csp-report\": {…}} or Reporting API reports of type csp-violation";
                return false;
            }

            return true;
        }
    }

    private static bool Add(List<CspViolation> violations, CspViolation? violation, ref string? error)
    {
        if (violation is null)
        {
            error = "a CSP report names no directive (effective-directive or violated-directive)";
            return false;
        }

        violations.Add(violation);
        return true;
    }

    // report-uri bodies carry no user agent: SecurityReportIngest takes the request's.
    private static CspViolation? FromLegacy(JsonElement report)
    {
        if (report.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var violated = Text(report, "violated-directive");
        var effective = Text(report, "effective-directive") ?? FirstWord(violated);
        return effective is null ? null : new CspViolation(
            effective, violated, Text(report, "blocked-uri"), Text(report, "document-uri"), Text(report, "referrer"),
            Text(report, "source-file"), Number(report, "line-number"), Number(report, "column-number"),
            Text(report, "original-policy"), Text(report, "disposition"), Number(report, "status-code"),
            Text(report, "script-sample"), UserAgent: null);
    }

    private static CspViolation? FromReportingApi(JsonElement report)
    {
        if (!report.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var effective = Text(body, "effectiveDirective") ?? FirstWord(Text(body, "violatedDirective"));
        return effective is null ? null : new CspViolation(
            effective, Text(body, "violatedDirective"), Text(body, "blockedURL"), Text(body, "documentURL") ?? Text(report, "url"),
            Text(body, "referrer"), Text(body, "sourceFile"), Number(body, "lineNumber"), Number(body, "columnNumber"),
            Text(body, "originalPolicy"), Text(body, "disposition"), Number(body, "statusCode"), Text(body, "sample"),
            Text(report, "user_agent"));
    }

    // "img-src 'self'" (what older browsers put in violated-directive) names the directive img-src.
    private static string? FirstWord(string? directive) =>
        string.IsNullOrWhiteSpace(directive) ? null : directive.Trim().Split(' ', 2)[0];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}
