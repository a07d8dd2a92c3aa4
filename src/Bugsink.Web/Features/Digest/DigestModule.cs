using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Database.Engines;

namespace Bugsink.Web.Features.Digest;

public static class DigestModule
{
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DigestOptions>(configuration.GetSection(DigestOptions.Section));
        services.AddSingleton<DigestScheduler>();
        services.AddPerEngine<IDigestTrigger, HangfireDigestTrigger, PostgresDigestLeader>();
        services.AddHostedService<DigestTriggerHost>();
        services.AddPerEngine<IDigestInboxes, SqliteDigestInboxes, PostgresDigestInboxes>();
        services.AddSingleton<IssueCache>();
        services.AddKeyedSingleton<OutOfSpace>(OutOfSpace.Digest);
        services.AddTransient<DigestJob>();
        services.AddHostedService<DigestWatchdog>();
        return services;
    }
}
