using Bugsink.Web.Infrastructure.Database.Engines;

namespace Bugsink.Web.Features.Retention;

public static class RetentionModule
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<EvictionScheduler>();
        services.AddTransient<EvictEventsJob>();
        services.AddTransient<EvictOldEventsJob>();
        services.AddTransient<VacuumDatabaseJob>();
        services.AddHostedServiceOnSqliteOnly<RetentionWatchdog>();
        services.AddSingleton<AttachmentEvictionScheduler>();
        services.AddTransient<EvictAttachmentsJob>();
        services.AddHostedServiceOnSqliteOnly<AttachmentRetentionWatchdog>();
        return services;
    }
}
