using System.Net;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Health;

// /health/ready failing: each test starts a server of its own (other settings, or a database file
// taken away), which cannot sit beside HealthEndpointTests' shared one: Hangfire's storage is process-wide.
[Collection(SequentialServers.Name)]
public sealed class ReadinessFailureTests
{
    [Fact]
    public async Task Ready_BacklogAboveBound_Answers503WithReason()
    {
        // The digest is paused, so the one acknowledged event stays in the inbox, above a bound of 0.
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true", "--Bugsink:Ingest:MaxBacklog=0");
        var project = await server.CreateProjectAsync();
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);

        var (status, body) = await HealthEndpointTests.GetJsonAsync(server, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.StartsWith("digest_backlog: 1 events wait for the digest, above the bound of 0", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_DatabaseFileGone_Answers503NamingIt()
    {
        // While the file is away, anything that opens the database would create an empty one at that
        // path: no other test should run on what is left.
        await using var server = await BugsinkTestServer.StartAsync();
        var moved = server.MainDatabasePath + ".moved";
        SqliteConnection.ClearAllPools();
        File.Move(server.MainDatabasePath, moved);
        try
        {
            var (status, body) = await HealthEndpointTests.GetJsonAsync(server, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("database: bugsink.db is not readable", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Move(moved, server.MainDatabasePath, overwrite: true);
        }
    }
}
