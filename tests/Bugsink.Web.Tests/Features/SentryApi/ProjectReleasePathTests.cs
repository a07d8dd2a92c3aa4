using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.SentryApi;

// sentry-cli 2.x's project-level release paths (/api/0/projects/{org}/{project}/releases/{version}/) act on
// the named project's release only: a token that sees two projects with the same version must not
// finalize, show or delete the other project's release through one project's path.
[Collection(SequentialServers.Name)]
public sealed class ProjectReleasePathTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    private readonly BugsinkTestServer _server = shared.Server;

    [Fact]
    public async Task ProjectPath_FinalizesShowsAndDeletes_OnlyThatProjectsRelease()
    {
        // root is an administrator: its token sees both teams' projects.
        var root = (await ApiClient.ForAsync(_server, shared.Teams.Email("root"))).Token!;
        var alpha = await SentryCliReleaseTests.SlugAsync(_server, shared.Teams.Alpha.Project.Id);
        var beta = await SentryCliReleaseTests.SlugAsync(_server, shared.Teams.Beta.Project.Id);
        var version = "both-" + Guid.NewGuid().ToString("N")[..6];
        var created = await SendAsync(HttpMethod.Post, "/api/0/organizations/bugsink/releases/", root,
            $$"""{"version": "{{version}}", "projects": ["{{alpha}}", "{{beta}}"]}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(2, created.Json.GetProperty("projects").GetArrayLength());

        var finalized = await SendAsync(HttpMethod.Put, $"/api/0/projects/bugsink/{alpha}/releases/{version}/", root, """{"dateReleased": "2026-12-01T10:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, finalized.Status);
        Assert.Equal([alpha.ToLowerInvariant()], finalized.Json.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("slug").GetString()));
        Assert.Equal(1, Released(version, shared.Teams.Alpha.Project.Id));
        Assert.Equal(0, Released(version, shared.Teams.Beta.Project.Id));

        var shown = await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{beta}/releases/{version}/", root);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Equal([beta.ToLowerInvariant()], shown.Json.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("slug").GetString()));
        Assert.Equal(JsonValueKind.Null, shown.Json.GetProperty("dateReleased").ValueKind);

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/0/projects/bugsink/{alpha}/releases/{version}/", root);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(0, Exists(version, shared.Teams.Alpha.Project.Id));
        Assert.Equal(1, Exists(version, shared.Teams.Beta.Project.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{alpha}/releases/{version}/", root)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/0/projects/bugsink/{beta}/releases/{version}/", root)).Status);

        // A project the token cannot see stays a 404, whatever the version.
        var ann = (await ApiClient.ForAsync(_server, shared.Teams.Email("ann"))).Token!;
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/0/projects/bugsink/{beta}/releases/{version}/", ann)).Status);
        Assert.Equal(1, Exists(version, shared.Teams.Beta.Project.Id));
    }

    private long Released(string version, long projectId) =>
        _server.Count("SELECT count(*) FROM Releases WHERE Version = $v AND ProjectId = $p AND DateReleased IS NOT NULL", ("$v", version), ("$p", projectId));

    private long Exists(string version, long projectId) =>
        _server.Count("SELECT count(*) FROM Releases WHERE Version = $v AND ProjectId = $p", ("$v", version), ("$p", projectId));

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }
}
