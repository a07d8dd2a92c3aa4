using Bugsink.Web.Infrastructure.Database;

namespace Bugsink.Web.Features.Digest;

public static class DigestModule
{
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DigestOptions>(configuration.GetSection(DigestOptions.Section));
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<IssueCache>();
        services.AddKeyedSingleton<OutOfSpace>(OutOfSpace.Digest);
        services.AddTransient<DigestJob>();
        services.AddHostedService<DigestWatchdog>();
        return services;
    }
}
