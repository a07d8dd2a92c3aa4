using Hangfire;
using Sentry.AspNetCore;
using Sentry.Extensibility;
using Sentry.Extensions.Logging;

namespace Bugsink.Web.Features.SelfMonitoring;

// With SENTRY_DSN set, the server reports its own unhandled exceptions (requests through the
// Sentry.AspNetCore middleware, Hangfire jobs through FailedJobReporter, and error logs) to that DSN.
// Without it nothing of the SDK is registered, so nothing can be sent.
public static class SelfMonitoringSetup
{
    private static int _jobFilterAdded;

    public static WebApplicationBuilder AddSelfMonitoring(this WebApplicationBuilder builder)
    {
        var options = SelfMonitoringOptions.Read(builder.Configuration);
        builder.Services.AddTransient<SelfMonitoringTestJob>();
        if (options.Dsn.Length == 0)
        {
            builder.Services.AddSingleton(SelfMonitoringStatus.Off);
            return builder;
        }

        var status = SelfMonitoringStatus.From(options);
        builder.Services.AddSingleton(status);
        builder.WebHost.UseSentry(sentry => Configure(sentry, options, status));
        // Hangfire's filters are process-wide, as the SDK's hub is; the filter does nothing while the SDK is off.
        if (Interlocked.Exchange(ref _jobFilterAdded, 1) == 0)
        {
            GlobalJobFilters.Filters.Add(new FailedJobReporter());
        }

        return builder;
    }

    private static void Configure(SentryAspNetCoreOptions sentry, SelfMonitoringOptions options, SelfMonitoringStatus status)
    {
        sentry.Dsn = options.Dsn;
        sentry.Release = status.Release;
        sentry.Environment = options.Environment;
        // Who did what is not the tracker's business: no user, IP, cookies or request bodies.
        sentry.SendDefaultPii = false;
        sentry.MaxRequestBodySize = RequestSize.None;
        // Client reports and sessions would be more envelopes sent about envelopes.
        sentry.SendClientReports = false;
        sentry.AutoSessionTracking = false;
        sentry.CaptureFailedRequests = false;
        sentry.TracesSampleRate = options.TracesSampleRate;
        if (options.TracesSampleRate > 0)
        {
            sentry.TracesSampler = context =>
                OwnIngestTraffic.IsIngestPath(context.TryGetHttpPath()) ? 0 : options.TracesSampleRate;
        }

        sentry.SetBeforeSend(sentryEvent => OwnIngestTraffic.IsIngestUrl(sentryEvent.Request.Url) ? null : sentryEvent);
        sentry.SetBeforeSendTransaction(transaction => OwnIngestTraffic.IsIngestUrl(transaction.Request.Url) ? null : transaction);
        sentry.SetBeforeBreadcrumb(breadcrumb =>
            OwnIngestTraffic.MentionsIngestPath(breadcrumb.Message)
            || breadcrumb.Data?.Values.Any(OwnIngestTraffic.MentionsIngestPath) == true ? null : breadcrumb);
        // Ingest's own log lines describe events from outside; they are neither breadcrumbs nor events here.
        sentry.AddLogEntryFilter((category, _, _, _) =>
            category.StartsWith("Bugsink.Web.Features.Ingest", StringComparison.Ordinal));
    }
}
