using System.Text;
using System.Text.Json;
using Bugsink.Web.Features.SourceMaps;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// The issue page and the API of a real server for a browser event from an esbuild bundle: before the
// maps are uploaded the page says so with the sentry-cli commands; after the upload the same event
// reads as the original code, with the minified frames one click away and the raw download unchanged.
// In-process servers share Hangfire's static storage: one at a time (SequentialServers).
[Collection(SequentialServers.Name)]
public sealed class SourceMapIssuePageTests
{
    private const string Site = "https://app.example.com/assets/app.min.js";

    [Fact]
    public async Task An_event_reads_as_the_original_code_once_its_maps_are_uploaded()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler);
        await bundler.BuildAsync("esbuild");
        var stack = await bundler.StackAsync();
        var store = new InMemorySourceArtifacts();
        await using var server = await BugsinkTestServer.StartAsync(services => services.AddSingleton<ISourceArtifacts>(store));
        var teams = await TwoTeams.CreateAsync(server);
        using var ann = await server.LogInAsync(teams.Email("ann"));
        var project = teams.Alpha.Project;
        var sent = JavaScriptEvents.From(stack, "javascript", _ => Site, release: "web@1.0");
        var eventId = Envelopes.NewEventId();
        sent["event_id"] = eventId;
        var body = Encoding.UTF8.GetBytes(sent.ToJsonString());
        Assert.Equal(200, (await server.Http.PostAsync($"/api/{project.Id}/store/", body, IngestClient.AuthFor(project))).Status);
        await server.WaitForEventsAsync(eventId);
        var issueId = server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));
        var eventRowId = server.Count("SELECT Id FROM Events WHERE EventId = $id", ("$id", eventId));

        var before = await ann.GetAsync($"/issues/{issueId}/");
        var hint = before.Get(".source-map-hint").TextContent;
        Assert.Contains("Upload source maps with sentry-cli", hint, StringComparison.Ordinal);
        Assert.Contains("SENTRY_PROJECT=", hint, StringComparison.Ordinal);
        Assert.Contains("sourcemaps upload --release web@1.0", hint, StringComparison.Ordinal);
        Assert.Contains(Site, hint, StringComparison.Ordinal);
        Assert.Contains("not resolved: no source map uploaded", before.Get(".frame").TextContent, StringComparison.Ordinal);
        Assert.Null(before.Find(".raw-toggle"));

        store.Add(project.Id, "web@1.0", "", new SourceArtifact("~/assets/app.min.js", SourceArtifactKind.MinifiedSource, null, null, File.ReadAllBytes(bundler.Output)));
        store.Add(project.Id, "web@1.0", "", new SourceArtifact("~/assets/app.min.js.map", SourceArtifactKind.SourceMap, null, null, File.ReadAllBytes(bundler.Output + ".map")));

        var after = await ann.GetAsync($"/issues/{issueId}/");
        Assert.Null(after.Find(".source-map-hint"));
        var top = after.Get(".exception .frame");
        Assert.Equal("../src/util.js", top.QuerySelector(".frame-file")!.TextContent);
        var (line, column) = Bundler.PositionOf(bundler.Source("util.js"), "new Error(");
        Assert.Equal($":{line + 1}:{column + 1}", top.QuerySelector(".frame-line")!.TextContent);
        Assert.Equal("deepest", top.QuerySelector(".frame-function")!.TextContent);
        Assert.Contains("throw new Error(message);", top.QuerySelector(".context .current")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["deepest", "middle", "main"], after.FindAll(".exception .frame .frame-function").Take(3).Select(f => f.TextContent));

        var toggle = after.Get(".raw-toggle");
        Assert.Equal("Raw (minified) frames", toggle.TextContent);
        var raw = await ann.GetAsync(toggle.GetAttribute("href")!);
        var rawTop = raw.Get(".exception .frame");
        Assert.Equal("/assets/app.min.js", rawTop.QuerySelector(".frame-file")!.TextContent.Replace("https://app.example.com", "", StringComparison.Ordinal));
        Assert.Equal($":{stack[0].Line}:{stack[0].Column}", rawTop.QuerySelector(".frame-line")!.TextContent);
        Assert.Equal("Resolved frames", raw.Get(".raw-toggle").TextContent);

        // The API gives Sentry's shape; the Raw JSON download stays the bytes received.
        var api = await ApiClient.ForAsync(server, teams.Email("ann"));
        var data = (await api.GetAsync($"events/{eventRowId}/")).Json.GetProperty("data");
        var value = data.GetProperty("exception").GetProperty("values")[0];
        var resolvedFrames = value.GetProperty("stacktrace").GetProperty("frames").EnumerateArray().ToList();
        var rawFrames = value.GetProperty("raw_stacktrace").GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal("../src/util.js", resolvedFrames[^1].GetProperty("filename").GetString());
        Assert.Equal("deepest", resolvedFrames[^1].GetProperty("function").GetString());
        Assert.Equal(Site, rawFrames[^1].GetProperty("filename").GetString());
        var download = await ann.Http.GetByteArrayAsync($"/issues/{issueId}/events/{eventId}/?handler=Json");
        Assert.Equal(sent.ToJsonString(), JsonDocument.Parse(download).RootElement.GetRawText());
    }
}

// Issue 22 item 4: an issue opened after its maps were uploaded is named by the original function and
// file (what the issue list, the API and alerts show), not by the minified frame; one opened with no
// maps keeps the culprit of its frames as sent.
[Collection(SequentialServers.Name)]
public sealed class ResolvedCulpritTests
{
    private const string Site = "https://app.example.com/assets/app.min.js";

    [Fact]
    public async Task A_new_issue_after_the_upload_takes_its_culprit_from_the_resolved_frames()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler);
        await bundler.BuildAsync("esbuild");
        var stack = await bundler.StackAsync();
        var store = new InMemorySourceArtifacts();
        await using var server = await BugsinkTestServer.StartAsync(services => services.AddSingleton<ISourceArtifacts>(store));
        var teams = await TwoTeams.CreateAsync(server);

        async Task<string?> CulpritOfNewIssueAsync(TestProject project)
        {
            var sent = JavaScriptEvents.From(stack, "javascript", _ => Site, release: "web@1.0");
            var eventId = Envelopes.NewEventId();
            sent["event_id"] = eventId;
            var body = Encoding.UTF8.GetBytes(sent.ToJsonString());
            Assert.Equal(200, (await server.Http.PostAsync($"/api/{project.Id}/store/", body, IngestClient.AuthFor(project))).Status);
            await server.WaitForEventsAsync(eventId);
            using var connection = new SqliteConnection($"Data Source={server.MainDatabasePath}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT i.Culprit FROM Issues i JOIN Events e ON e.IssueId = i.Id WHERE e.EventId = $id";
            command.Parameters.AddWithValue("$id", eventId);
            return command.ExecuteScalar() as string;
        }

        // Alpha has no maps: the frames as sent name it.
        var unresolved = await CulpritOfNewIssueAsync(teams.Alpha.Project);
        Assert.StartsWith(Site, unresolved, StringComparison.Ordinal);

        var beta = teams.Beta.Project;
        store.Add(beta.Id, "web@1.0", "", new SourceArtifact("~/assets/app.min.js", SourceArtifactKind.MinifiedSource, null, null, File.ReadAllBytes(bundler.Output)));
        store.Add(beta.Id, "web@1.0", "", new SourceArtifact("~/assets/app.min.js.map", SourceArtifactKind.SourceMap, null, null, File.ReadAllBytes(bundler.Output + ".map")));
        Assert.Equal("../src/util.js in deepest", await CulpritOfNewIssueAsync(beta));
    }
}
