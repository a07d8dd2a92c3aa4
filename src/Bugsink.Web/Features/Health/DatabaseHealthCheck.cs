using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bugsink.Web.Features.Health;

// The databases the server cannot work without answer a one-row read, per engine (DatabaseSetup picks the probe).
public sealed class DatabaseHealthCheck(IDatabaseProbe probe) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        probe.CheckHealthAsync(context, cancellationToken);
}

public interface IDatabaseProbe : IHealthCheck;

// On PostgreSQL: the schema and the inbox tables, on a pooled connection.
public sealed class PostgresDatabaseProbe(DatabaseEngine engine) : IDatabaseProbe
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(engine.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1; SELECT 1 FROM inbox_events LIMIT 1", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL is not readable: {exception.Message}");
        }
    }
}

// Both files answer a one-row read: bugsink.db (pages, digest) and inbox.db (ingest). Mode=ReadWrite so a missing
// file is reported, not silently created empty. A pooled connection and a LIMIT 1 read on a primary key: microseconds.
public sealed class SqliteDatabaseProbe(IOptions<SiteOptions> site) : IDatabaseProbe
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var files = new[]
        {
            (site.Value.MainDatabasePath, "SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1"),
            (site.Value.InboxDatabasePath, "SELECT 1 FROM inbox_events LIMIT 1"),
        };
        foreach (var (path, probe) in files)
        {
            try
            {
                await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = path,
                    Mode = SqliteOpenMode.ReadWrite,
                    Pooling = true,
                    DefaultTimeout = 5,
                }.ToString());
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = probe;
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (SqliteException exception)
            {
                return HealthCheckResult.Unhealthy($"{Path.GetFileName(path)} is not readable: {exception.Message}");
            }
        }

        return HealthCheckResult.Healthy();
    }
}
