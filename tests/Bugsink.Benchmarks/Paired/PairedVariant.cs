using System.Net.Http.Headers;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Paired;

// What one paired scenario adds to its "with" project (uploaded maps, alert channels) while the "without"
// project receives the very same events; everything else about the two projects is alike.
public interface IPairedVariant : IAsyncDisposable
{
    string Title { get; }

    string WithLabel { get; }

    string WithoutLabel { get; }

    IReadOnlyList<string> ServerSettings { get; }

    Task SetUpAsync(HttpClient api, long projectId);

    // A line for the report after the run (deliveries received, say); null when there is nothing to add.
    string? Describe();
}

public static class PairedApi
{
    public static HttpClient Create(BugsinkServer server, string token)
    {
        var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
