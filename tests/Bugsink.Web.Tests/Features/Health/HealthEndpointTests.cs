using System.Net;
using System.Text.Json;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Health;

[Collection(SequentialServers.Name)]
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_Answers200()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var (status, body) = await GetJsonAsync(server, "/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_MigratedServer_Answers200WithEveryCheck()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var (status, body) = await GetJsonAsync(server, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("reason", out _));
        var checks = body.GetProperty("checks");
        foreach (var name in new[] { "database", "migrations", "digest_backlog" })
        {
            Assert.Equal("healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Ready_BacklogAboveBound_Answers503WithReason()
    {
        // The digest is paused, so the one acknowledged event stays in the inbox, above a bound of 0.
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true", "--Bugsink:Ingest:MaxBacklog=0");
        var project = await server.CreateProjectAsync();
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);

        var (status, body) = await GetJsonAsync(server, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.StartsWith("digest_backlog: 1 events wait for the digest, above the bound of 0", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_MigrationNotApplied_Answers503NamingIt()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        // As if the database file came from an older version: its history lacks the newest migration.
        var newest = Scalar(server.MainDatabasePath, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1");
        Scalar(server.MainDatabasePath, $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{newest}'");

        var (status, body) = await GetJsonAsync(server, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains($"migrations: 1 migration(s) not applied, first {newest}", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_DatabaseFileGone_Answers503NamingIt()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var moved = server.MainDatabasePath + ".moved";
        SqliteConnection.ClearAllPools();
        File.Move(server.MainDatabasePath, moved);
        try
        {
            var (status, body) = await GetJsonAsync(server, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("database: bugsink.db is not readable", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Move(moved, server.MainDatabasePath, overwrite: true);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(BugsinkTestServer server, string path)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
