using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bugsink.Web.Features.Alerts;

public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>()
            .Bind(configuration.GetSection(AlertOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<AlertDispatchScheduler>();
        // Replaces the do-nothing dispatcher whichever module registered it first.
        services.RemoveAll<IAlertDispatcher>();
        services.AddSingleton<IAlertDispatcher>(provider => provider.GetRequiredService<AlertDispatchScheduler>());
        services.AddScoped<AlertFactsReader>();
        services.AddScoped<TestEmailSender>();
        services.AddTransient<DispatchAlertsJob>();
        services.AddTransient<SendAlertEmailJob>();
        services.AddHostedService<AlertDispatchWatchdog>();
        return services;
    }
}
