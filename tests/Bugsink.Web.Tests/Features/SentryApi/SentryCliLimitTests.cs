using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.SentryApi;

public sealed class OneFilePerBundleServer : SharedServer
{
    protected override Task<BugsinkTestServer> StartAsync() =>
        BugsinkTestServer.StartAsync("--Bugsink:SourceMaps:MaxFilesPerBundle=1");

    protected override Task PrepareAsync(BugsinkTestServer server) => server.CreateUserAsync("root@example.com", isAdmin: true);
}

// Limits answer with a clear error that sentry-cli prints, and store nothing.
[Collection(SequentialServers.Name)]
public sealed class SentryCliLimitTests(OneFilePerBundleServer shared) : IClassFixture<OneFilePerBundleServer>
{
    [SkippableFact]
    public async Task ABundleOverTheFileLimit_FailsWithTheLimitNamed_AndStoresNothing()
    {
        var server = shared.Server;
        var project = await server.CreateProjectAsync(SharedServer.NewName("Limits"));
        var token = (await ApiClient.ForAsync(server, "root@example.com")).Token!;
        var slug = await SentryCliReleaseTests.SlugAsync(server, project.Id);
        var run = await SentryCli.V3(server, token, slug).RunAsync(null, "sourcemaps", "upload", "--release", "big", MinifiedApp.Write());
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("MaxFilesPerBundle", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, server.Count("SELECT count(*) FROM ArtifactBundles WHERE ProjectId = $p", ("$p", project.Id)));
    }
}
