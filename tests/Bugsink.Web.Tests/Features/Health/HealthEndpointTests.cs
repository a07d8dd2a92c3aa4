using System.Net;
using System.Text.Json;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Health;

// One server for the class; the test that removes a migration from its history puts it back before it
// ends. ReadinessFailureTests has the failures that need a server of their own.
[Collection(SequentialServers.Name)]
public sealed class HealthEndpointTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private readonly BugsinkTestServer _shared = fixture.Server;

    [Fact]
    public async Task Live_Answers200()
    {
        var server = _shared;
        var (status, body) = await GetJsonAsync(server, "/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_MigratedServer_Answers200WithEveryCheck()
    {
        var server = _shared;
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
    public async Task Ready_MigrationNotApplied_Answers503NamingIt()
    {
        var server = _shared;
        // As if the database file came from an older version: its history lacks the newest migration.
        var newest = Scalar(server.MainDatabasePath, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1");
        var version = Scalar(server.MainDatabasePath, $"SELECT ProductVersion FROM __EFMigrationsHistory WHERE MigrationId = '{newest}'");
        Scalar(server.MainDatabasePath, $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{newest}'");
        try
        {
            var (status, body) = await GetJsonAsync(server, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains($"migrations: 1 migration(s) not applied, first {newest}", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Scalar(server.MainDatabasePath, $"INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('{newest}', '{version}')");
        }

        Assert.Equal(HttpStatusCode.OK, (await GetJsonAsync(server, "/health/ready")).Status);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(BugsinkTestServer server, string path)
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
