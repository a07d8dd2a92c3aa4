using System.Net.Http.Headers;
using System.Text.Json;

namespace Bugsink.Web.Tests.Infrastructure;

public sealed record IngestAnswer(int Status, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

// Posts raw bytes to the ingest endpoints with whatever headers a test wants, nothing added.
public static class IngestClient
{
    public static async Task<IngestAnswer> PostAsync(
        this HttpClient http, string path, byte[] body, string? auth = null, string? contentEncoding = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Sentry-Auth", auth);
        }

        if (contentEncoding is not null)
        {
            request.Content.Headers.ContentEncoding.Add(contentEncoding);
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(request);
        return new IngestAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public static string AuthFor(TestProject project) => $"Sentry sentry_version=7,sentry_client=tests/1.0,sentry_key={project.PublicKey}";
}
