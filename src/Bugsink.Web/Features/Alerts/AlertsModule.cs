using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bugsink.Web.Features.Alerts;

public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>()
            .Bind(configuration.GetSection(AlertOptions.Section))
            .Validate(
                o => o.MaxEmailsPerHour >= 0 && o.CoalesceWindowSeconds >= 0 && o.RetryFirstDelaySeconds > 0
                    && o.RetryMaxDelaySeconds >= o.RetryFirstDelaySeconds && o.MaxSendAttempts >= 1,
                "Bugsink:Alerts: counts and windows must not be negative, retry delays must be positive and MaxSendAttempts at least 1.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.Section))
            .Validate(o => o.TimeoutSeconds > 0, "Bugsink:Smtp:TimeoutSeconds must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpSecurityValidation>();
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
