using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.SelfMonitoring;

// Bugsink:SelfMonitoring. The DSN usually comes from SENTRY_DSN, the variable every Sentry SDK reads;
// Dsn here wins when both are set. Empty (the default) means no SDK is initialised at all.
public sealed class SelfMonitoringOptions
{
    public const string Section = "Bugsink:SelfMonitoring";

    public const string DsnVariable = "SENTRY_DSN";

    public string Dsn { get; set; } = "";

    public string Environment { get; set; } = "production";

    // Performance monitoring is off unless asked for; ingest requests are never traced either way.
    [Range(0.0, 1.0)]
    public double TracesSampleRate { get; set; }

    public static SelfMonitoringOptions Read(IConfiguration configuration)
    {
        var options = new SelfMonitoringOptions();
        configuration.GetSection(Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Dsn))
        {
            options.Dsn = configuration[DsnVariable] ?? "";
        }

        options.Dsn = options.Dsn.Trim();
        return options;
    }
}
