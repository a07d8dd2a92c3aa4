using Bugsink.Web.Cli;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Health;

// `bugsink healthcheck` is what the Docker HEALTHCHECK runs: exit 0 only when /health/ready says 200.
[Collection(SequentialServers.Name)]
public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:8000/health/ready")]
    [InlineData("http://+:8000", "http://127.0.0.1:8000/health/ready")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://0.0.0.0:9000;https://+:9001", "http://127.0.0.1:9000/health/ready")]
    [InlineData("http://[::]:8000", "http://[::1]:8000/health/ready")]
    [InlineData("http://localhost:5000", "http://localhost:5000/health/ready")]
    [InlineData("https://127.0.0.1:8443", "https://127.0.0.1:8443/health/ready")]
    public void ListenUrls_GiveLocalReadyUrl(string? listenUrls, string expected) =>
        Assert.Equal(expected, HealthCheckCommand.ReadyUrl(listenUrls));

    [Fact]
    public async Task ReadyServer_ExitsZero()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        Assert.Equal(0, await BugsinkCommandLine.RunAsync(["healthcheck", "--urls", server.BaseAddress.ToString().TrimEnd('/')]));
    }

    [Fact]
    public async Task NotReadyServer_ExitsOne()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true", "--Bugsink:Ingest:MaxBacklog=0");
        var project = await server.CreateProjectAsync();
        await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project));
        Assert.Equal(1, await BugsinkCommandLine.RunAsync(["healthcheck", "--url", new Uri(server.BaseAddress, "/health/ready").ToString()]));
    }

    [Fact]
    public async Task NothingListening_ExitsOne()
    {
        var port = LoopbackPort.Free();
        Assert.Equal(1, await BugsinkCommandLine.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{port}/health/ready"]));
    }
}
