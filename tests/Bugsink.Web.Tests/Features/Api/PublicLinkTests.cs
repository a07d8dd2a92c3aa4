using System.Net.Http.Headers;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Api;

// Issue 19, found 9: every absolute link the server hands out starts with BUGSINK_BASE_URL, whatever Host
// header the request came with (a poisoned cache or a shared link must not point to another site).
[Collection(SequentialServers.Name)]
public sealed class PublicLinkTests : IAsyncLifetime
{
    private const string BaseUrl = "https://errors.example.com/errors";
    private BugsinkTestServer _server = null!;
    private TwoTeams _teams = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync("--Bugsink:BaseUrl=" + BaseUrl);
        _teams = await TwoTeams.CreateAsync(_server);
        _token = (await ApiClient.ForAsync(_server, null)).Token!;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1")]
    public async Task NextLinks_ComeFromTheBaseUrl(string host)
    {
        foreach (var path in new[] { "projects/?limit=1", $"issues/?state=all&limit=1&project={_teams.Alpha.Project.Id}", "releases/?limit=1" })
        {
            var answer = await GetAsync(path, host);
            if (answer.GetProperty("next").GetString() is { } next)
            {
                Assert.StartsWith(BaseUrl + "/api/canonical/0/", next, StringComparison.Ordinal);
                Assert.DoesNotContain("evil", next, StringComparison.Ordinal);
            }
            else
            {
                Assert.NotEqual("projects/?limit=1", path);
            }
        }
    }

    [Fact]
    public async Task AttachmentDownloadUrls_ComeFromTheBaseUrl()
    {
        var answer = await GetAsync($"events/{_teams.Alpha.EventRowId}/attachments/", "evil.example");
        var download = Assert.Single(answer.GetProperty("results").EnumerateArray()).GetProperty("download").GetString()!;
        Assert.StartsWith(BaseUrl + "/api/canonical/0/events/", download, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiServers_AreTheBaseUrl()
    {
        var document = await GetAsync("openapi.json", "evil.example");
        var servers = document.TryGetProperty("servers", out var list) ? [.. list.EnumerateArray().Select(s => s.GetProperty("url").GetString())] : Array.Empty<string?>();
        Assert.All(servers, url => Assert.Equal(BaseUrl, url));
    }

    private async Task<JsonElement> GetAsync(string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.Prefix + path);
        request.Headers.Host = host;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
