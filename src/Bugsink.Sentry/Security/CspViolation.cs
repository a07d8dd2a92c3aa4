namespace Bugsink.Sentry.Security;

// One Content-Security-Policy violation as a browser reports it, in either format (the legacy
// `application/csp-report` body or a Reporting API `csp-violation` report), with the field names unified.
// Every value is the browser's text as sent: a stranger's, to be encoded wherever it is shown.
public sealed record CspViolation(
    string EffectiveDirective,
    string? ViolatedDirective,
    string? BlockedUri,
    string? DocumentUri,
    string? Referrer,
    string? SourceFile,
    long? LineNumber,
    long? ColumnNumber,
    string? OriginalPolicy,
    string? Disposition,
    long? StatusCode,
    string? ScriptSample,
    string? UserAgent)
{
    // What groups violations and names the issue: the directive, and the origin the blocked resource came
    // from (scheme and host, so every image of one host is one issue); keywords ('inline', 'eval') as such.
    public string BlockedOrigin => Origin(BlockedUri);

    public string Title => $"Blocked '{EffectiveDirective}' from {BlockedOrigin}";

    private static string Origin(string? blocked)
    {
        if (string.IsNullOrWhiteSpace(blocked))
        {
            return "'none'";
        }

        var value = blocked.Trim();
        if (value is "inline" or "eval" or "wasm-eval" or "self" or "trusted-types-policy" or "trusted-types-sink")
        {
            return $"'{value}'";
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
        }

        // data:, blob:, a bare scheme ("https"), or something unexpected: the scheme part, short.
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? value[..colon] : value;
        return scheme.Length > 64 ? scheme[..64] + "…" : scheme + (colon > 0 ? ":" : "");
    }
}
