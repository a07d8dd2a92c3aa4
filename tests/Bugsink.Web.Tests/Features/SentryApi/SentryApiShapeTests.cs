using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Features.SourceMaps;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.SentryApi;

// Sentry's answers where sentry-cli reads them: 401 {"detail": "Invalid token"}, 404s in JSON, the
// upload options, and the legacy per-file upload of 2.x-era plugins.
[Collection(SequentialServers.Name)]
public sealed class SentryApiShapeTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    private readonly BugsinkTestServer _server = shared.Server;

    private async Task<(HttpStatusCode Status, string? ContentType, JsonElement Json)> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<string> TokenAsync(string person) => (await ApiClient.ForAsync(_server, shared.Teams.Email(person))).Token!;

    [Theory]
    [InlineData("/api/0/")]
    [InlineData("/api/0/organizations/bugsink/releases/")]
    [InlineData("/api/0/organizations/bugsink/chunk-upload/")]
    public async Task UnknownToken_Answers401InvalidToken(string path)
    {
        var answer = await SendAsync(HttpMethod.Get, path, "bsk_" + new string('0', 64));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("Invalid token", answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Index_DescribesTheTokensUser_WithAStringId()
    {
        var answer = await SendAsync(HttpMethod.Get, "/api/0/", await TokenAsync("ann"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("user").GetProperty("id").ValueKind);
        Assert.Equal(shared.Teams.Email("ann"), answer.Json.GetProperty("user").GetProperty("email").GetString());
        Assert.Contains("project:releases", answer.Json.GetProperty("auth").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("/api/0/organizations/acme/releases/")]
    [InlineData("/api/0/organizations/acme/chunk-upload/")]
    [InlineData("/api/0/projects/bugsink/no-such-project/releases/")]
    [InlineData("/api/0/organizations/bugsink/releases/never-released/")]
    [InlineData("/api/0/organizations/bugsink/no-such-endpoint/")]
    public async Task UnknownOrganizationProjectReleaseOrPath_Answers404InJson(string path)
    {
        var answer = await SendAsync(HttpMethod.Get, path, await TokenAsync("ann"));
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task AProjectOfAnotherTeam_Answers404_AsIfItDidNotExist()
    {
        var betaSlug = await SentryCliReleaseTests.SlugAsync(_server, shared.Teams.Beta.Project.Id);
        var ann = await TokenAsync("ann");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{betaSlug}/releases/", ann)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{shared.Teams.Beta.Project.Id}/releases/", ann)).Status);
        var bob = await TokenAsync("bob");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{betaSlug.ToLowerInvariant()}/releases/", bob)).Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"checksum": "xyz", "chunks": [], "projects": []}""")]
    [InlineData("""{"checksum": "0000000000000000000000000000000000000000", "chunks": ["0000000000000000000000000000000000000000"], "projects": ["x"], "dist": "web"}""")]
    public async Task BadAssembleBodies_Answer400WithADetail(string body)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/0/organizations/bugsink/artifactbundle/assemble/", await TokenAsync("ann"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ChunkWhoseContentIsNotItsName_IsRefused()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("hello"u8.ToArray()), "file", new string('a', 40));
        var answer = await SendAsync(HttpMethod.Post, "/api/0/organizations/bugsink/chunk-upload/", await TokenAsync("ann"), form);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("checksum", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyReleaseFileUpload_IsStoredAndFoundByUrl_AndAnUploadUnderTheSameNameReplacesIt()
    {
        var ann = await TokenAsync("ann");
        var slug = await SentryCliReleaseTests.SlugAsync(_server, shared.Teams.Alpha.Project.Id);
        var release = "legacy-" + Guid.NewGuid().ToString("N")[..6];
        var created = await SendAsync(HttpMethod.Post, $"/api/0/projects/bugsink/{slug}/releases/", ann, new StringContent($$"""{"version": "{{release}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.Status);

        foreach (var content in new[] { "first", "second" })
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"function {content}(){{}}")), "file", "app.min.js");
            form.Add(new StringContent("~/app.min.js"), "name");
            form.Add(new StringContent("Sourcemap:app.min.js.map"), "header");
            var answer = await SendAsync(HttpMethod.Post, $"/api/0/projects/bugsink/{slug}/releases/{release}/files/", ann, form);
            Assert.Equal(HttpStatusCode.Created, answer.Status);
            Assert.Equal("~/app.min.js", answer.Json.GetProperty("name").GetString());
            Assert.Equal(40, answer.Json.GetProperty("sha1").GetString()!.Length);
        }

        var listed = await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{slug}/releases/{release}/files/", ann);
        Assert.Single(listed.Json.EnumerateArray());
        var found = await _server.Services.GetRequiredService<ISourceArtifacts>()
            .FindByUrlAsync(shared.Teams.Alpha.Project.Id, release, "", ["~/app.min.js"], default);
        Assert.Equal("function second(){}", Encoding.UTF8.GetString(found!.Content.Span));
        Assert.Equal("app.min.js.map", found.SourceMapHeader);

        var unknownRelease = await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{slug}/releases/nope-{release}/files/", ann);
        Assert.Equal(HttpStatusCode.NotFound, unknownRelease.Status);
    }
}
