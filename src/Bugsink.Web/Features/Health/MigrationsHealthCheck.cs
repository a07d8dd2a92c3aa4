using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bugsink.Web.Features.Health;

// Serve applies migrations before listening, so this fails only when that went wrong or someone
// pointed the server at an older database file. Once every migration is seen applied the answer
// cannot change while this binary runs, so it is remembered and later probes cost nothing.
public sealed class MigrationsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    private volatile bool _allApplied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_allApplied)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var pending = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, first {pending[0]}");
            }
        }
        catch (SqliteException exception)
        {
            return HealthCheckResult.Unhealthy("could not read the applied migrations: " + exception.Message);
        }

        _allApplied = true;
        return HealthCheckResult.Healthy();
    }
}
