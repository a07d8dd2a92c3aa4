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
        services.AddHostedService<RetentionWatchdog>();
        services.AddSingleton<AttachmentEvictionScheduler>();
        services.AddTransient<EvictAttachmentsJob>();
        services.AddHostedService<AttachmentRetentionWatchdog>();
        return services;
    }
}
