using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.SentryApi;

// The project page's source-map panel: the sentry-cli snippet, the uploaded bundles and the releases
// with their deploys, with uploaded names encoded like every other stranger's text.
[Collection(SequentialServers.Name)]
public sealed class SourceMapsPanelTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    [SkippableFact]
    public async Task ProjectPage_ShowsTheSnippet_TheBundles_AndTheDeploys()
    {
        var server = shared.Server;
        var projectId = shared.Teams.Alpha.Project.Id;
        var slug = await SentryCliReleaseTests.SlugAsync(server, projectId);
        var ann = await ApiClient.ForAsync(server, shared.Teams.Email("ann"));
        var cli = SentryCli.V3(server, ann.Token!, slug);
        using var browser = await server.LogInAsync(shared.Teams.Email("ann"));

        var before = await browser.GetAsync($"/projects/{projectId}/");
        Assert.NotNull(before.Find("#no-bundles"));
        var env = before.Get("#sentry-cli-env").TextContent;
        Assert.Contains("SENTRY_ORG=bugsink", env, StringComparison.Ordinal);
        Assert.Contains("SENTRY_PROJECT=" + slug.ToLowerInvariant(), env, StringComparison.Ordinal);
        Assert.Contains("SENTRY_URL=http://", env, StringComparison.Ordinal);
        Assert.Contains("[defaults]", before.Get("#sentry-cli-rc").TextContent, StringComparison.Ordinal);

        var folder = MinifiedApp.Write("<em>app.min.js");
        Assert.Equal(0, (await cli.RunAsync(folder, "sourcemaps", "inject", folder)).ExitCode);
        var upload = await cli.RunAsync(folder, "sourcemaps", "upload", "--release", "panel@1.0", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        // As in Sentry, an upload names a release without creating it; deploys need the release itself.
        var release = await cli.RunAsync(null, "releases", "new", "panel@1.0");
        Assert.True(release.ExitCode == 0, release.ToString());
        var deploy = await cli.RunAsync(null, "deploys", "new", "-r", "panel@1.0", "-e", "production");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());

        var after = await browser.GetAsync($"/projects/{projectId}/");
        var bundles = after.Get("table.bundles").TextContent;
        Assert.Contains("panel@1.0", bundles, StringComparison.Ordinal);
        Assert.Contains("~/<em>app.min.js.map", bundles, StringComparison.Ordinal);
        Assert.Empty(after.FindAll("table.bundles em"));
        Assert.Matches("[0-9a-f]{8}-[0-9a-f]{4}-", after.Get("table.bundles td.mono").TextContent);
        Assert.Contains("production", after.Get("table.releases").TextContent, StringComparison.Ordinal);
    }
}
