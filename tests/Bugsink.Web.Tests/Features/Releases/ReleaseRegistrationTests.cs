using Bugsink.Web.Tests.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Releases;

// Releases come from events' `release`, per project, registered by the digest.
[Collection(SequentialServers.Name)]
public sealed class ReleaseRegistrationTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    [Fact]
    public async Task Releases_AreRegisteredInOrderOfAppearance_WithTheirKindAndEpoch()
    {
        var scenario = await fixture.NewProjectAsync();
        var firstSeen = fixture.Clock.GetUtcNow();
        await scenario.SendManyAsync(2, "boom", "1.10.0");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await scenario.SendAsync("boom", "1.9.0");
        await scenario.SendAsync("boom", "app@2.0.0-rc.1");
        await scenario.SendAsync("boom", "a3f9c1e");
        await scenario.SendAsync("boom", "b71d2aa");
        await scenario.SendAsync("boom", "1.10.0");

        var releases = await scenario.ReleasesAsync();
        Assert.Equal(
            [("1.10.0", 1L, true, 0), ("1.9.0", 2L, true, 0), ("app@2.0.0-rc.1", 3L, true, 0), ("a3f9c1e", 4L, false, 1), ("b71d2aa", 5L, false, 1)],
            releases.Select(r => (r.Version, r.Sequence, r.IsSemver, r.Epoch)));
        Assert.Equal(firstSeen, releases[0].FirstSeen);
        Assert.Equal(firstSeen.AddMinutes(1), releases[1].FirstSeen);
    }

    [Fact]
    public async Task ReleaseNames_AreSanitised_OnTheReleaseAndTheEvent()
    {
        var scenario = await fixture.NewProjectAsync();
        var eventId = await scenario.SendAsync("boom", "feature/login\nfix");

        Assert.Equal("feature-login fix", Assert.Single(await scenario.ReleasesAsync()).Version);
        Assert.Equal(1, scenario.Server.Count(
            "SELECT count(*) FROM Events WHERE EventId = $e AND Release = 'feature-login fix'", ("$e", eventId)));
    }

    [Fact]
    public async Task SameVersionInTwoProjects_IsTwoReleases()
    {
        var first = await fixture.NewProjectAsync();
        var second = await fixture.NewProjectAsync();
        await first.SendAsync("boom", "a3f9c1e");
        await second.SendAsync("boom", "1.0.0");
        await second.SendAsync("boom", "a3f9c1e");

        Assert.Equal([("a3f9c1e", 1L, 0)], (await first.ReleasesAsync()).Select(r => (r.Version, r.Sequence, r.Epoch)));
        Assert.Equal([("1.0.0", 1L, 0), ("a3f9c1e", 2L, 1)], (await second.ReleasesAsync()).Select(r => (r.Version, r.Sequence, r.Epoch)));
    }
}
