using System.Globalization;
using System.Text;

namespace Bugsink.Sentry.Auth;

// Decides which public key a request authenticates with (PROTOCOL.md §2). Relay rejects any request that
// carries more than one credential source; we only reject sources that disagree, because agreeing duplicates
// are harmless and no SDK in scope sends them anyway.
public static class CredentialResolver
{
    public const int SupportedProtocolVersion = 7;
    public const int PublicKeyLength = 32;

    public static RequestCredentials FromRequest(string? xSentryAuth, string? authorization, string? queryKey, string? queryVersion)
    {
        string? key = null;
        string? version = null;

        if (!string.IsNullOrWhiteSpace(xSentryAuth))
        {
            if (!SentryAuthHeader.TryParse(xSentryAuth, out var headerKey, out var headerVersion) || headerKey is null)
            {
                return RequestCredentials.Failed(CredentialProblem.Malformed, "bad X-Sentry-Auth header: missing sentry_key");
            }

            key = headerKey;
            version = headerVersion;
        }

        // Other schemes (Bearer, Basic) may belong to a reverse proxy in front of us, so they are not ours to reject.
        if (authorization is not null && SentryAuthHeader.HasSentryPrefix(authorization.AsSpan().TrimStart()))
        {
            if (!SentryAuthHeader.TryParse(authorization, out var authorizationKey, out var authorizationVersion) || authorizationKey is null)
            {
                return RequestCredentials.Failed(CredentialProblem.Malformed, "bad Authorization header: missing sentry_key");
            }

            if (!TryMerge(ref key, ref version, authorizationKey, authorizationVersion))
            {
                return Conflict();
            }
        }

        if (!string.IsNullOrEmpty(queryKey) && !TryMerge(ref key, ref version, queryKey, queryVersion))
        {
            return Conflict();
        }

        // A lone ?sentry_version= still states the protocol the client speaks, even when the key came from a header.
        if (string.IsNullOrEmpty(queryKey) && !string.IsNullOrEmpty(queryVersion))
        {
            version ??= queryVersion;
        }

        if (key is null)
        {
            return RequestCredentials.Failed(CredentialProblem.Missing, "missing authorization information");
        }

        if (ProtocolMajorVersion(version) is int major && major > SupportedProtocolVersion)
        {
            return RequestCredentials.Failed(CredentialProblem.UnsupportedVersion, $"unsupported protocol version ({major})");
        }

        var publicKey = NormalizeKey(key);
        return publicKey is null
            ? RequestCredentials.Failed(CredentialProblem.BadKeyFormat, "bad public key: expected 32 characters")
            : RequestCredentials.Valid(publicKey);
    }

    public static RequestCredentials WithEnvelopeDsn(RequestCredentials fromRequest, string? envelopeDsn)
    {
        ArgumentNullException.ThrowIfNull(fromRequest);
        if (string.IsNullOrEmpty(envelopeDsn))
        {
            return fromRequest;
        }

        if (fromRequest.IsValid)
        {
            // An unparsable dsn next to valid request credentials is ignored rather than rejected: the
            // request already authenticated, and Bugsink is equally lenient with envelope headers.
            if (Dsn.TryParse(envelopeDsn, out var extra) && NormalizeKey(extra.PublicKey) != fromRequest.PublicKey)
            {
                return RequestCredentials.Failed(CredentialProblem.Conflicting, "public key header mismatch");
            }

            return fromRequest;
        }

        if (fromRequest.Problem != CredentialProblem.Missing)
        {
            return fromRequest;
        }

        // The tunnel case: the envelope is its own credential. Relay answers 401 when it cannot use it.
        if (!Dsn.TryParse(envelopeDsn, out var dsn) || NormalizeKey(dsn.PublicKey) is not string dsnKey)
        {
            return RequestCredentials.Failed(CredentialProblem.Malformed, "bad envelope authentication header");
        }

        return RequestCredentials.Valid(dsnKey) with { DsnProjectId = dsn.ProjectId };
    }

    private static bool TryMerge(ref string? key, ref string? version, string newKey, string? newVersion)
    {
        if (key is not null && !key.Equals(newKey, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        key = newKey;
        version ??= newVersion;
        return true;
    }

    private static RequestCredentials Conflict() =>
        RequestCredentials.Failed(CredentialProblem.Conflicting, "multiple conflicting authorization payloads detected");

    // Relay reads only the digits before the first '.', so "7.0" is version 7. Unreadable versions fall back to
    // "latest", as in Relay, instead of failing a request over an informational field.
    private static int? ProtocolMajorVersion(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var span = version.AsSpan();
        var dot = span.IndexOf('.');
        if (dot >= 0)
        {
            span = span[..dot];
        }

        return int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
    }

    // Relay's ProjectKey::parse_with_flags allows a ".flag" suffix after the 32 ASCII characters; the
    // flags mean nothing to us, so they are dropped.
    internal static string? NormalizeKey(string key)
    {
        var span = key.AsSpan().Trim();
        var dot = span.IndexOf('.');
        if (dot >= 0)
        {
            span = span[..dot];
        }

        if (span.Length != PublicKeyLength || !Ascii.IsValid(span))
        {
            return null;
        }

        Span<char> lower = stackalloc char[PublicKeyLength];
        Ascii.ToLower(span, lower, out _);
        return new string(lower);
    }
}
