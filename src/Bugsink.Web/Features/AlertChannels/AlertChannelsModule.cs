namespace Bugsink.Web.Features.AlertChannels;

public static class AlertChannelsModule
{
    public static IServiceCollection AddAlertChannels(this IServiceCollection services)
    {
        services.AddSingleton<ChannelSecrets>();
        services.AddScoped<ChannelEditor>();
        return services;
    }
}
