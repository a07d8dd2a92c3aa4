using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Deployment;

// Without a proxy in between: X-Forwarded-For is believed only from a listed proxy, and a base path
// in BUGSINK_BASE_URL serves ingest with and without the prefix (a proxy may strip it).
// The class's server has a base path and no trusted proxies. Trusting loopback: TrustedProxyTests.
[Collection(SequentialServers.Name)]
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.UnderBasePath fixture) : IClassFixture<ForwardedHeadersTests.UnderBasePath>
{
    [Fact]
    public async Task NoTrustedProxies_ForwardedForIgnored()
    {
        var server = fixture.Server;
        var eventId = await SendAsync(server, "/api/{0}/envelope/", ("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '127.0.0.1'", ("$id", eventId)));
    }

    [Theory]
    [InlineData("/errors/api/{0}/envelope/")]
    [InlineData("/errors/api/{0}/store/")]
    [InlineData("/api/{0}/envelope/")]
    public async Task BasePath_IngestAnswersWithAndWithoutPrefix(string path)
    {
        var server = fixture.Server;
        var eventId = await SendAsync(server, path);
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE EventId = $id", ("$id", eventId)));
    }

    public static async Task<string> SendAsync(BugsinkTestServer server, string pathFormat, params (string Name, string Value)[] headers)
    {
        var project = await server.CreateProjectAsync();
        var eventId = Envelopes.NewEventId();
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, project.Id);
        var body = path.EndsWith("/store/", StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId))
            : Envelopes.EventEnvelope(eventId);
        var answer = await server.Http.PostAsync(path, body, IngestClient.AuthFor(project), null, headers);
        Assert.Equal(200, answer.Status);
        await server.WaitForEventsAsync(eventId);
        return eventId;
    }

    public sealed class UnderBasePath : SharedServer
    {
        protected override Task<BugsinkTestServer> StartAsync() => BugsinkTestServer.StartAsync("--Bugsink:BaseUrl=http://127.0.0.1:8000/errors");
    }
}
