using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Deployment;

// Without a proxy in between: X-Forwarded-For is believed only from a listed proxy, and a base path
// in BUGSINK_BASE_URL serves ingest with and without the prefix (a proxy may strip it).
[Collection(SequentialServers.Name)]
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task NoTrustedProxies_ForwardedForIgnored()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var eventId = await SendAsync(server, "/api/{0}/envelope/", ("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '127.0.0.1'", ("$id", eventId)));
    }

    [Fact]
    public async Task LoopbackTrusted_ForwardedForIsTheClient()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:TrustedProxies=127.0.0.1");
        var eventId = await SendAsync(server, "/api/{0}/envelope/", ("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '203.0.113.7'", ("$id", eventId)));
    }

    [Theory]
    [InlineData("/errors/api/{0}/envelope/")]
    [InlineData("/errors/api/{0}/store/")]
    [InlineData("/api/{0}/envelope/")]
    public async Task BasePath_IngestAnswersWithAndWithoutPrefix(string path)
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:BaseUrl=http://127.0.0.1:8000/errors");
        var eventId = await SendAsync(server, path);
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE EventId = $id", ("$id", eventId)));
    }

    private static async Task<string> SendAsync(BugsinkTestServer server, string pathFormat, params (string Name, string Value)[] headers)
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
}
