using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bugsink.Sentry.Auth;

// {scheme}://{public_key}[:{secret}]@{host}[:{port}]{path_prefix}/{project_id} (PROTOCOL.md §1.1).
// PathPrefix is "" or starts with '/' and never ends with one. The secret is deprecated and dropped.
public sealed record Dsn(string Scheme, string PublicKey, string Host, int? Port, string PathPrefix, string ProjectId)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out Dsn? dsn)
    {
        dsn = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        var userInfo = uri.UserInfo;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var key = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
        if (key.Length == 0 || uri.Host.Length == 0)
        {
            return false;
        }

        // Python's int() and Relay's u64 both demand a decimal project id; a trailing slash leaves it empty.
        var path = uri.AbsolutePath;
        var lastSlash = path.LastIndexOf('/');
        var projectId = path[(lastSlash + 1)..];
        if (projectId.Length == 0 || !IsDecimal(projectId))
        {
            return false;
        }

        var port = uri.IsDefaultPort ? (int?)null : uri.Port;
        dsn = new Dsn(uri.Scheme, key, uri.Host, port, path[..lastSlash], projectId);
        return true;
    }

    public static string Format(string baseUrl, string publicKey, long projectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKey);
        ArgumentOutOfRangeException.ThrowIfNegative(projectId);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{baseUrl}' is not an absolute http(s) URL.", nameof(baseUrl));
        }

        var port = uri.IsDefaultPort ? (int?)null : uri.Port;
        return new Dsn(uri.Scheme, publicKey, uri.Host, port, uri.AbsolutePath.TrimEnd('/'),
            projectId.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    // Where an SDK posts envelopes for this DSN (PROTOCOL.md §1.1).
    public string EnvelopeUrl
    {
        get
        {
            var port = Port is int p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
            return $"{Scheme}://{Host}{port}{PathPrefix}/api/{ProjectId}/envelope/";
        }
    }

    public override string ToString()
    {
        var port = Port is int p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        return $"{Scheme}://{PublicKey}@{Host}{port}{PathPrefix}/{ProjectId}";
    }

    private static bool IsDecimal(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
