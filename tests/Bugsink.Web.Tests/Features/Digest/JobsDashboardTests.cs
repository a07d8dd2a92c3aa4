using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Digest;

[Collection(SequentialServers.Name)]
public sealed class JobsDashboardTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DashboardFromLoopback_ShowsTheDigestQueue()
    {
        var project = await _server.CreateProjectAsync("Jobs");
        var answer = await _server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);
        await _server.WaitForDigestAsync();

        // The job records its success just after it empties the inbox.
        var page = "";
        for (var i = 0; i < 100 && !page.Contains("DigestJob", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            page = await _server.Http.GetStringAsync("/jobs/jobs/succeeded");
        }

        Assert.Contains("DigestJob", page, StringComparison.Ordinal);
    }
}
