using System.Collections.Concurrent;
using Hangfire.Common;
using Hangfire.Server;

namespace Bugsink.Web.Features.SelfMonitoring;

// Reports the exception of a Hangfire job that failed (each failed attempt, at most once a minute per
// job method and exception type: a job retried ten times is one problem, and a job that fails on every
// batch must not flood the tracker, least of all when the DSN points at this server). A job stopped by
// shutdown has not failed. Arguments are not sent: they may hold ids of users' data, never needed here.
public sealed class FailedJobReporter : JobFilterAttribute, IServerFilter
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTime> _lastReported = new(StringComparer.Ordinal);

    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is null || context.ExceptionHandled || !SentrySdk.IsEnabled)
        {
            return;
        }

        var exception = context.Exception is JobPerformanceException { InnerException: { } inner } ? inner : context.Exception;
        if (exception is OperationCanceledException && context.CancellationToken.ShutdownToken.IsCancellationRequested)
        {
            return;
        }

        var job = context.BackgroundJob.Job;
        var method = job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}";
        var key = method + "|" + exception.GetType().FullName;
        var now = DateTime.UtcNow;
        if (_lastReported.TryGetValue(key, out var last) && now - last < Quiet)
        {
            return;
        }

        _lastReported[key] = now;
        SentrySdk.CaptureException(exception, scope =>
        {
            scope.TransactionName = "hangfire " + method;
            scope.SetTag("hangfire.job", method);
            scope.SetTag("hangfire.job_id", context.BackgroundJob.Id);
            scope.SetTag("hangfire.queue", job?.Queue ?? "default");
        });
    }
}
