using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Health;

// Both files the server cannot work without answer a one-row read: bugsink.db (pages, digest) and
// inbox.db (ingest). Mode=ReadWrite so a missing file is reported, not silently created empty.
// A pooled connection and a LIMIT 1 read on a primary key: microseconds, fine for every probe.
public sealed class DatabaseHealthCheck(IOptions<SiteOptions> site) : IHealthCheck
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
