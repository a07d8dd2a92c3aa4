using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.SentryApi;

// The real sentry-cli's release and deploy commands against a running server (issue 22, "Show it").
[Collection(SequentialServers.Name)]
public sealed class SentryCliReleaseTests(TwoTeamsServer shared) : IClassFixture<TwoTeamsServer>
{
    private readonly BugsinkTestServer _server = shared.Server;

    public static async Task<string> SlugAsync(BugsinkTestServer server, long projectId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Projects.SingleAsync(p => p.Id == projectId)).Slug;
    }

    private async Task<SentryCli> AnnAsync(bool v2 = false)
    {
        var ann = await ApiClient.ForAsync(_server, shared.Teams.Email("ann"));
        // In capitals, as a user may type it: matched case-insensitively.
        var slug = await SlugAsync(_server, shared.Teams.Alpha.Project.Id);
        return v2 ? SentryCli.V2(_server, ann.Token!, slug) : SentryCli.V3(_server, ann.Token!, slug.ToUpperInvariant());
    }

    [SkippableFact]
    public async Task Info_ExitsZero_AndShowsTheUser()
    {
        var run = await (await AnnAsync()).RunAsync(null, "info");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(shared.Teams.Email("ann"), run.Output, StringComparison.Ordinal);
        Assert.Contains("project:releases", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Info_WithAnUnknownToken_Fails()
    {
        var slug = await SlugAsync(_server, shared.Teams.Alpha.Project.Id);
        var run = await SentryCli.V3(_server, "bsk_" + new string('0', 64), slug).RunAsync(null, "info");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid token", run.Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReleasesNewFinalizeListAndDeploys_AllExitZero_AndAreStored(bool v2)
    {
        var cli = await AnnAsync(v2);
        var version = $"web@1.{(v2 ? 2 : 3)}.0+build.{Guid.NewGuid().ToString("N")[..6]}";
        foreach (string[] command in (string[][])[
            ["releases", "new", version],
            ["releases", "new", version],
            ["releases", "finalize", version],
            ["releases", "list"],
            ["releases", "info", version],
            ["deploys", "new", "-r", version, "-e", "production", "-n", "blue"],
            ["deploys", "new", "-r", version, "-e", "staging"],
            ["deploys", "list", "-r", version]])
        {
            var run = await cli.RunAsync(null, command);
            Assert.True(run.ExitCode == 0, $"sentry-cli {string.Join(' ', command)}: {run}");
            if (command[1] == "list" && command[0] == "releases")
            {
                Assert.Contains(version, run.Output, StringComparison.Ordinal);
            }

            if (command[1] == "list" && command[0] == "deploys")
            {
                Assert.Contains("production", run.Output, StringComparison.Ordinal);
                Assert.Contains("staging", run.Output, StringComparison.Ordinal);
            }
        }

        var project = shared.Teams.Alpha.Project.Id;
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Releases WHERE ProjectId = $p AND Version = $v AND DateReleased IS NOT NULL", ("$p", project), ("$v", version)));
        Assert.Equal(2, _server.Count("SELECT count(*) FROM Deploys d JOIN Releases r ON r.Id = d.ReleaseId WHERE r.Version = $v", ("$v", version)));
    }

    [SkippableFact]
    public async Task ReleasesDelete_RemovesTheRelease()
    {
        var cli = await AnnAsync();
        var version = "to-delete-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(0, (await cli.RunAsync(null, "releases", "new", version)).ExitCode);
        var run = await cli.RunAsync(null, "releases", "delete", version);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Releases WHERE Version = $v", ("$v", version)));
    }

    [SkippableFact]
    public async Task ReleasesNew_ForAProjectTheTokenCannotSee_FailsAndCreatesNothing()
    {
        var bob = await ApiClient.ForAsync(_server, shared.Teams.Email("bob"));
        var alphaSlug = await SlugAsync(_server, shared.Teams.Alpha.Project.Id);
        var version = "hidden-" + Guid.NewGuid().ToString("N")[..6];
        var run = await SentryCli.V3(_server, bob.Token!, alphaSlug).RunAsync(null, "releases", "new", version);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Releases WHERE Version = $v", ("$v", version)));
    }

    [SkippableFact]
    public async Task ReleasesNew_MaterialisesResolveInNextRelease()
    {
        // A project of its own, so that no other test's release is newer than the one announced here.
        var teams = await TwoTeams.CreateTaggedAsync(_server);
        var ann = await ApiClient.ForAsync(_server, teams.Email("ann"));
        var issue = $"issues/{teams.Alpha.IssueId}/";
        Assert.True((await ann.GetAsync(issue)).Status == System.Net.HttpStatusCode.OK);
        Assert.True((await ann.PostAsync(issue + "resolve-next/")).Json.GetProperty("is_resolved_by_next_release").GetBoolean());

        var slug = await SlugAsync(_server, teams.Alpha.Project.Id);
        var run = await SentryCli.V3(_server, ann.Token!, slug).RunAsync(null, "releases", "new", "2.0.0");
        Assert.True(run.ExitCode == 0, run.ToString());

        var after = (await ann.GetAsync(issue)).Json;
        Assert.False(after.GetProperty("is_resolved_by_next_release").GetBoolean());
        Assert.True(after.GetProperty("is_resolved").GetBoolean());
        Assert.Equal("2.0.0", after.GetProperty("fixed_at").GetString());
    }
}
