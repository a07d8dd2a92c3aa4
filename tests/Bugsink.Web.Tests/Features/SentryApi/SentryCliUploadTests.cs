using System.Text;
using System.Text.RegularExpressions;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.SourceMaps;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.SentryApi;

// sentry-cli sourcemaps upload (3.x chunked artifact bundles, and 2.x, which the options make upload
// the same way), then the stored files as the symbolicator finds them through ISourceArtifacts.
[Collection(SequentialServers.Name)]
public sealed partial class SentryCliUploadTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    private readonly BugsinkTestServer _server = shared.Server;

    private ISourceArtifacts Artifacts => _server.Services.GetRequiredService<ISourceArtifacts>();

    private async Task<(SentryCli Cli, long ProjectId)> NewProjectAsync(bool v2 = false)
    {
        // A project of its own per test: generations and bundle counts are then the test's alone.
        var teams = await TwoTeams.CreateTaggedAsync(_server);
        var ann = await ApiClient.ForAsync(_server, teams.Email("ann"));
        var slug = await SentryCliReleaseTests.SlugAsync(_server, teams.Alpha.Project.Id);
        var cli = v2 ? SentryCli.V2(_server, ann.Token!, slug) : SentryCli.V3(_server, ann.Token!, slug);
        return (cli, teams.Alpha.Project.Id);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InjectThenUpload_IndexesTheFilesByDebugIdAndByUrl(bool v2)
    {
        var (cli, projectId) = await NewProjectAsync(v2);
        var folder = MinifiedApp.Write();
        var inject = await cli.RunAsync(folder, "sourcemaps", "inject", folder);
        Assert.True(inject.ExitCode == 0, inject.ToString());
        var debugId = Guid.Parse(DebugIdComment().Match(File.ReadAllText(Path.Combine(folder, "app.min.js"))).Groups[1].Value);
        Assert.Equal(0, await Artifacts.GenerationAsync(projectId, default));

        var upload = await cli.RunAsync(folder, "sourcemaps", "upload", "--release", "web@1.0.0", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());

        var minified = await Artifacts.FindByDebugIdAsync(projectId, debugId, SourceArtifactKind.MinifiedSource, default);
        Assert.NotNull(minified);
        Assert.Equal("~/app.min.js", minified.Url);
        Assert.Contains("function add(n,r)", Encoding.UTF8.GetString(minified.Content.Span), StringComparison.Ordinal);
        Assert.Equal("app.min.js.map", minified.SourceMapHeader);
        var map = await Artifacts.FindByDebugIdAsync(projectId, debugId, SourceArtifactKind.SourceMap, default);
        Assert.NotNull(map);
        Assert.Equal("~/app.min.js.map", map.Url);
        Assert.Contains("return left + right", Encoding.UTF8.GetString(map.Content.Span), StringComparison.Ordinal);

        // By (release, dist, URL), with the candidates in the symbolicator's order: the "~/" form matches.
        var byUrl = await Artifacts.FindByUrlAsync(projectId, "web@1.0.0", "", ["https://app.example.com/app.min.js", "~/app.min.js"], default);
        Assert.Equal("~/app.min.js", byUrl?.Url);
        Assert.Null(await Artifacts.FindByUrlAsync(projectId, "web@2.0.0", "", ["~/app.min.js"], default));
        Assert.Null(await Artifacts.FindByDebugIdAsync(projectId + 1000, debugId, SourceArtifactKind.MinifiedSource, default));
        Assert.True(await Artifacts.GenerationAsync(projectId, default) > 0);

        // The same upload again: nothing new is stored.
        var again = await cli.RunAsync(folder, "sourcemaps", "upload", "--release", "web@1.0.0", folder);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(1, _server.Count("SELECT count(*) FROM ArtifactBundles WHERE ProjectId = $p", ("$p", projectId)));
        Assert.Equal(2, _server.Count("SELECT count(*) FROM ArtifactFiles WHERE ProjectId = $p", ("$p", projectId)));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadWithReleaseAndUrlPrefix_NoDebugIds_IsFoundByReleaseDistAndUrl(bool v2)
    {
        var (cli, projectId) = await NewProjectAsync(v2);
        var folder = MinifiedApp.Write();
        var upload = await cli.RunAsync(folder, "sourcemaps", "upload", "--release", "shop@3.1", "--dist", "web", "--url-prefix", "~/static/js", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());

        string[] candidates = ["https://cdn.example.com/static/js/app.min.js?v=3", "https://cdn.example.com/static/js/app.min.js", "~/static/js/app.min.js?v=3", "~/static/js/app.min.js"];
        var minified = await Artifacts.FindByUrlAsync(projectId, "shop@3.1", "web", candidates, default);
        Assert.NotNull(minified);
        Assert.Equal(SourceArtifactKind.MinifiedSource, minified.Kind);
        Assert.Null(minified.DebugId);
        var map = await Artifacts.FindByUrlAsync(projectId, "shop@3.1", "web", ["~/static/js/app.min.js.map"], default);
        Assert.Equal(SourceArtifactKind.SourceMap, map?.Kind);
        // The dist must match too: no dist is "", which this upload is not.
        Assert.Null(await Artifacts.FindByUrlAsync(projectId, "shop@3.1", "", candidates, default));
    }

    [SkippableFact]
    public async Task RetentionRemovesUnusedBundles_KeepsUsedOnes_AndProjectDeletionRemovesTheRest()
    {
        var (cli, projectId) = await NewProjectAsync();
        foreach (var release in new[] { "old", "used" })
        {
            var upload = await cli.RunAsync(null, "sourcemaps", "upload", "--release", release, MinifiedApp.Write());
            Assert.True(upload.ExitCode == 0, upload.ToString());
        }

        // Both last used 200 days ago; then a lookup uses one of them.
        _server.Count("UPDATE ArtifactBundles SET LastUsedAt = $t WHERE ProjectId = $p", ("$t", DateTimeOffset.UtcNow.AddDays(-200).ToUnixTimeMilliseconds()), ("$p", projectId));
        Assert.NotNull(await Artifacts.FindByUrlAsync(projectId, "used", "", ["~/app.min.js"], default));
        var generation = await Artifacts.GenerationAsync(projectId, default);
        using (var scope = _server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BundleRetentionJob>().RunAsync(default);
        }

        Assert.Null(await Artifacts.FindByUrlAsync(projectId, "old", "", ["~/app.min.js"], default));
        Assert.NotNull(await Artifacts.FindByUrlAsync(projectId, "used", "", ["~/app.min.js"], default));
        Assert.True(await Artifacts.GenerationAsync(projectId, default) > generation);

        using (var scope = _server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Bugsink.Web.Infrastructure.Database.AppDbContext>();
            var project = await db.Projects.FindAsync(projectId);
            await scope.ServiceProvider.GetRequiredService<ProjectRemover>().DeleteAsync(project!, default);
        }

        // The removal is a background job (it waits for the inbox); it removes the bundles with the project.
        for (var i = 0; i < 600 && _server.Count("SELECT count(*) FROM Projects WHERE Id = $p", ("$p", projectId)) > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, _server.Count("SELECT count(*) FROM ArtifactBundles WHERE ProjectId = $p", ("$p", projectId)));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM ArtifactFiles WHERE ProjectId = $p", ("$p", projectId)));
    }

    [GeneratedRegex(@"//# debugId=([0-9a-fA-F-]{36})")]
    private static partial Regex DebugIdComment();
}
