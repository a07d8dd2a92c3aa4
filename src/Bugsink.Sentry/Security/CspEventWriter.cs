using System.Text.Json;

namespace Bugsink.Sentry.Security;

// A CSP violation as an ordinary event payload, so the digest, pages, search and alerts need nothing new:
// the title is the message, the fingerprint groups by directive and blocked origin (not by the full URL,
// which would make an issue per image), and Sentry's `csp` interface keeps every field for the event page.
public static class CspEventWriter
{
    public static byte[] Write(CspViolation violation, string eventId, DateTimeOffset received, string? release, string? environment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_id", eventId);
            json.WriteNumber("timestamp", received.ToUnixTimeMilliseconds() / 1000.0);
            json.WriteString("platform", "other");
            json.WriteString("level", "warning");
            json.WriteString("logger", "csp");
            json.WriteString("culprit", violation.EffectiveDirective);
            Optional(json, "release", release);
            Optional(json, "environment", environment);
            json.WriteStartObject("logentry");
            json.WriteString("formatted", violation.Title);
            json.WriteEndObject();
            json.WriteStartArray("fingerprint");
            json.WriteStringValue("csp");
            json.WriteStringValue(violation.EffectiveDirective);
            json.WriteStringValue(violation.BlockedOrigin);
            json.WriteEndArray();
            json.WriteStartObject("tags");
            json.WriteString("effective-directive", violation.EffectiveDirective);
            json.WriteString("blocked-origin", violation.BlockedOrigin);
            Optional(json, "disposition", violation.Disposition);
            json.WriteEndObject();
            if (violation.DocumentUri is not null || violation.UserAgent is not null)
            {
                json.WriteStartObject("request");
                Optional(json, "url", violation.DocumentUri);
                if (violation.UserAgent is not null)
                {
                    json.WriteStartObject("headers");
                    json.WriteString("User-Agent", violation.UserAgent);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteStartObject("csp");
            Optional(json, "document_uri", violation.DocumentUri);
            Optional(json, "blocked_uri", violation.BlockedUri);
            json.WriteString("effective_directive", violation.EffectiveDirective);
            Optional(json, "violated_directive", violation.ViolatedDirective);
            Optional(json, "source_file", violation.SourceFile);
            Optional(json, "line_number", violation.LineNumber);
            Optional(json, "column_number", violation.ColumnNumber);
            Optional(json, "original_policy", violation.OriginalPolicy);
            Optional(json, "disposition", violation.Disposition);
            Optional(json, "referrer", violation.Referrer);
            Optional(json, "status_code", violation.StatusCode);
            Optional(json, "script_sample", violation.ScriptSample);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
