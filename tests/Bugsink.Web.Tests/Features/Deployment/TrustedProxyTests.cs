using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Deployment;

// A server that trusts loopback as its proxy, apart from ForwardedHeadersTests' shared server (two
// servers cannot run side by side in one test process: Hangfire's storage is process-wide).
[Collection(SequentialServers.Name)]
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task LoopbackTrusted_ForwardedForIsTheClient()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:TrustedProxies=127.0.0.1");
        var eventId = await ForwardedHeadersTests.SendAsync(server, "/api/{0}/envelope/", ("X-Forwarded-For", "203.0.113.7"));
        Assert.Equal(1, server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND RemoteAddress = '203.0.113.7'", ("$id", eventId)));
    }
}
