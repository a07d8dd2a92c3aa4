using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Api;

public sealed record ApiAnswer(HttpStatusCode Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement[] Results => [.. Json.GetProperty("results").EnumerateArray()];

    public string? Next => Json.GetProperty("next").GetString();
}

// The JSON API as a script uses it: a bearer token on every request, JSON in and out.
public sealed class ApiClient(BugsinkTestServer server, string? token)
{
    public const string Prefix = "/api/canonical/0/";

    public string? Token => token;

    // A token for this user (null: an installation token), made the way the tokens page makes them.
    public static async Task<ApiClient> ForAsync(BugsinkTestServer server, string? email)
    {
        using var scope = server.Services.CreateScope();
        long? userId = email is null ? null : server.Count("SELECT Id FROM AspNetUsers WHERE Email = $e", ("$e", email));
        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().CreateAsync(userId, "tests", CancellationToken.None);
        return new ApiClient(server, issued.Secret);
    }

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    // A download: the raw bytes and the content headers, for byte-for-byte comparisons.
    public async Task<(HttpStatusCode Status, HttpContentHeaders Headers, byte[] Body)> GetBytesAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Target(path));
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers, await response.Content.ReadAsByteArrayAsync());
    }

    public Task<ApiAnswer> PostAsync(string path, string? json = null) => SendAsync(HttpMethod.Post, path, json);

    public Task<ApiAnswer> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<ApiAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, Target(path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await server.Http.SendAsync(request);
        return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // A link the server handed out (next, download) starts with BUGSINK_BASE_URL, which names the public
    // address, not the test server's loopback port: follow its path there, without the base URL's own path.
    private static string Target(string path)
    {
        if (!path.StartsWith("http", StringComparison.Ordinal))
        {
            return Prefix + path;
        }

        var link = new Uri(path);
        var api = link.PathAndQuery.IndexOf(Prefix, StringComparison.Ordinal);
        return link.PathAndQuery[api..];
    }
}
