using Bugsink.Web.Features.AlertChannels.Messages;

namespace Bugsink.Web.Features.AlertChannels;

public static class AlertChannelsModule
{
    public static IServiceCollection AddAlertChannels(this IServiceCollection services)
    {
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<ChannelSender>();
        services.AddScoped<ChannelEditor>();
        services.AddScoped<ChannelTester>();
        services.AddScoped<ChannelAlertReader>();
        services.AddScoped<ChannelFailureNotifier>();
        services.AddTransient<DeliverChannelAlertJob>();
        return services;
    }
}
