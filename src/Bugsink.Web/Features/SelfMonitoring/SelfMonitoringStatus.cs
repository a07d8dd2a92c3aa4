using Bugsink.Web.Cli;

namespace Bugsink.Web.Features.SelfMonitoring;

// What /admin/system/ says about self-monitoring: where reports go (host and project id, never the
// key), under which release and environment. Decided once at start-up, like the SDK itself.
public sealed record SelfMonitoringStatus(bool Enabled, string Host, string ProjectId, string Environment, string Release, double TracesSampleRate)
{
    // The informational version the build stamps (version plus commit when built from git).
    public static string ServerRelease { get; } = BuildVersion.Informational;

    // Declared after ServerRelease: static fields are initialised in order.
    public static readonly SelfMonitoringStatus Off = new(false, "", "", "", ServerRelease, 0);

    // A DSN is http(s)://KEY@HOST[:PORT]/[PATH/]PROJECT_ID. Anything else refuses to start with a message
    // that does not repeat the value (it holds the key).
    public static SelfMonitoringStatus From(SelfMonitoringOptions options)
    {
        if (!Uri.TryCreate(options.Dsn, UriKind.Absolute, out var dsn)
            || dsn.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(dsn.UserInfo)
            || dsn.AbsolutePath.TrimEnd('/').Split('/')[^1] is not { Length: > 0 } projectId)
        {
            throw new InvalidOperationException(
                $"{SelfMonitoringOptions.DsnVariable} (or {SelfMonitoringOptions.Section}:Dsn) is not a Sentry DSN; expected http(s)://KEY@HOST/PROJECT_ID, or leave it empty to turn self-monitoring off.");
        }

        return new SelfMonitoringStatus(true, dsn.Authority, projectId, options.Environment, ServerRelease, options.TracesSampleRate);
    }
}
