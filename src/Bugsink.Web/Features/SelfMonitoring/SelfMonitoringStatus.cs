using System.Globalization;
using Bugsink.Web.Cli;
using Microsoft.Extensions.Options;
using DsnText = Bugsink.Sentry.Auth.Dsn;

namespace Bugsink.Web.Features.SelfMonitoring;

// What /admin/system/ says about self-monitoring: where reports go (host and project id, never the
// key), under which release and environment. Decided once at start-up, like the SDK itself.
public sealed record SelfMonitoringStatus(bool Enabled, string Host, string ProjectId, string Environment, string Release, double TracesSampleRate)
{
    // The informational version the build stamps (version plus commit when built from git).
    public static string ServerRelease { get; } = BuildVersion.Informational;

    // Declared after ServerRelease: static fields are initialised in order.
    public static readonly SelfMonitoringStatus Off = new(false, "", "", "", ServerRelease, 0);

    // Anything but a DSN refuses to start, with a message that does not repeat the value (it holds the key).
    public static SelfMonitoringStatus From(SelfMonitoringOptions options)
    {
        if (!DsnText.TryParse(options.Dsn, out var dsn))
        {
            // The CLI prints an options failure as one line, like every other bad setting.
            throw new OptionsValidationException(SelfMonitoringOptions.Section, typeof(SelfMonitoringOptions), [
                $"{SelfMonitoringOptions.DsnVariable} (or {SelfMonitoringOptions.Section}:Dsn) is not a Sentry DSN; expected http(s)://KEY@HOST/PROJECT_ID, or leave it empty to turn self-monitoring off."]);
        }

        var host = dsn.Port is { } port ? $"{dsn.Host}:{port.ToString(CultureInfo.InvariantCulture)}" : dsn.Host;
        return new SelfMonitoringStatus(true, host, dsn.ProjectId, options.Environment, ServerRelease, options.TracesSampleRate);
    }
}
