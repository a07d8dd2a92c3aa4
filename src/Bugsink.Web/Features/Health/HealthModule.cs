using Bugsink.Web.Infrastructure.Database.Engines;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Bugsink.Web.Features.Health;

// /health/live: the process answers. /health/ready: it can do its job (databases reachable,
// migrations applied, digest keeping up); 503 with a JSON reason otherwise, so a load balancer or
// Docker's HEALTHCHECK stops sending traffic. /metrics: Prometheus text for those who monitor.
public static class HealthModule
{
    private const string ReadyTag = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton<ServerMetrics>();
        // A singleton so the "migrations applied" answer, once true, is remembered.
        services.AddSingleton<MigrationsHealthCheck>();
        services.AddSingleton<InboxLag>();
        services.AddPerEngine<IDatabaseProbe, SqliteDatabaseProbe, PostgresDatabaseProbe>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<DigestBacklogHealthCheck>("digest_backlog", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapGet("/metrics", MetricsEndpoint.WriteAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
