using System.Net;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Api;

[Collection(SequentialServers.Name)]
public sealed class ApiAuthenticationTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    private readonly BugsinkTestServer _server = shared.Server;

    [Theory]
    [InlineData("projects/")]
    [InlineData("projects/1/")]
    [InlineData("issues/")]
    [InlineData("issues/1/")]
    [InlineData("events/")]
    [InlineData("events/1/")]
    [InlineData("releases/")]
    public async Task WithoutAToken_EveryResourceAnswers401(string path)
    {
        var answer = await new ApiClient(_server, null).GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains("Bearer", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("issues/1/resolve/")]
    [InlineData("issues/1/mute/")]
    [InlineData("releases/")]
    public async Task WithoutAToken_ActionsAnswer401(string path)
    {
        var answer = await new ApiClient(_server, null).PostAsync(path, "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM IssueHistory"));
    }

    [Theory]
    [InlineData("bsk_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-even-shaped-like-one")]
    [InlineData("")]
    public async Task UnknownToken_Answers401(string token)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ApiClient(_server, token).GetAsync("projects/")).Status);
    }

    [Fact]
    public async Task RevokedToken_Answers401()
    {
        var ann = await ApiClient.ForAsync(_server, "ann@example.com");
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("projects/")).Status);
        using (var scope = _server.Services.CreateScope())
        {
            var id = _server.Count("SELECT Id FROM ApiTokens WHERE TokenHash = $h", ("$h", ApiTokenIssuer.Hash(ann.Token!)));
            var annId = _server.Count("SELECT Id FROM AspNetUsers WHERE Email = 'ann@example.com'");
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().RevokeAsync(id, annId, CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.GetAsync("projects/")).Status);
    }

    [Fact]
    public async Task SignedInBrowserSession_IsNotEnoughForTheApi()
    {
        using var browser = await _server.LogInAsync("ann@example.com");
        using var response = await browser.Http.GetAsync(ApiClient.Prefix + "projects/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_RecordsWhenItWasLastUsed()
    {
        var ann = await ApiClient.ForAsync(_server, "ann@example.com");
        var sql = "SELECT count(*) FROM ApiTokens WHERE TokenHash = $h AND LastUsedAt IS NOT NULL";
        Assert.Equal(0, _server.Count(sql, ("$h", ApiTokenIssuer.Hash(ann.Token!))));
        await ann.GetAsync("projects/");
        Assert.Equal(1, _server.Count(sql, ("$h", ApiTokenIssuer.Hash(ann.Token!))));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        var answer = await new ApiClient(_server, null).GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var paths = answer.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/api/canonical/0/projects/", "/api/canonical/0/issues/", "/api/canonical/0/issues/{id}/resolve/", "/api/canonical/0/issues/{id}/mute/",
            "/api/canonical/0/events/", "/api/canonical/0/events/{id}/", "/api/canonical/0/releases/", "/api/canonical/0/issues/{id}/tags/",
            "/api/canonical/0/events/{id}/attachments/", "/api/canonical/0/events/{id}/attachments/{attachmentId}/download/",
        })
        {
            Assert.Contains(expected, paths);
        }

        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/canonical/0/", StringComparison.Ordinal));
        Assert.Equal("http", answer.Json.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        var issue = answer.Json.GetProperty("components").GetProperty("schemas").GetProperty("ApiIssue").GetProperty("properties");
        Assert.True(issue.TryGetProperty("friendly_id", out _), "Schemas use the snake_case names the API sends.");
        Assert.True(issue.TryGetProperty("culprit", out _));
        var download = answer.Json.GetProperty("paths").GetProperty("/api/canonical/0/events/{id}/attachments/{attachmentId}/download/").GetProperty("get").GetProperty("responses");
        Assert.True(download.GetProperty("200").GetProperty("content").TryGetProperty("application/octet-stream", out _), download.GetRawText());
    }
}
