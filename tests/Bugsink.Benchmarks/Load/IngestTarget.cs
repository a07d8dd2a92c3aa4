using System.Globalization;
using Bugsink.Benchmarks.Payloads;

namespace Bugsink.Benchmarks.Load;

// Where and how requests go: the .NET SDK's way (X-Sentry-Auth header, gzip body) or the browser SDK's
// (key in the query string, plain text/plain body, which avoids a CORS preflight in browsers).
public sealed class IngestTarget
{
    private const string DotnetAuth = "Sentry sentry_version=7,sentry_client=sentry.dotnet/6.12.1,sentry_key=";

    private readonly Uri _endpoint;
    private readonly string _publicKey;
    private readonly PayloadEncoding _encoding;

    public IngestTarget(Uri baseUrl, long projectId, string publicKey, PayloadEncoding encoding)
    {
        _publicKey = publicKey;
        _encoding = encoding;
        var path = string.Create(CultureInfo.InvariantCulture, $"api/{projectId}/envelope/");
        if (encoding == PayloadEncoding.None)
        {
            path += $"?sentry_key={publicKey}&sentry_version=7&sentry_client=sentry.javascript.browser%2F9.10.0";
        }

        BaseUrl = baseUrl;
        ProjectId = projectId;
        _endpoint = new Uri(baseUrl, path);
    }

    public Uri BaseUrl { get; }

    public long ProjectId { get; }

    public string PublicKey => _publicKey;

    // DSN form http://KEY@HOST:PORT/ID, as printed by create-project; requests go to `baseUrl`.
    public static IngestTarget FromDsn(string dsn, Uri baseUrl, PayloadEncoding encoding)
    {
        var uri = new Uri(dsn);
        var projectId = long.Parse(uri.AbsolutePath.Trim('/').Split('/')[^1], CultureInfo.InvariantCulture);
        return new IngestTarget(baseUrl, projectId, uri.UserInfo.Split(':')[0], encoding);
    }

    public HttpRequestMessage CreateRequest(byte[] body, int length)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body, 0, length),
        };
        if (_encoding == PayloadEncoding.Gzip)
        {
            request.Headers.TryAddWithoutValidation("X-Sentry-Auth", DotnetAuth + _publicKey);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-sentry-envelope");
            request.Content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain;charset=UTF-8");
        }

        return request;
    }
}
