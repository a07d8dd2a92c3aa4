using Hangfire;

namespace Bugsink.Web.Features.SelfMonitoring;

// A Hangfire job that fails on purpose, so the job path of self-monitoring can be checked end to end.
// No retries: one click, one failure.
public sealed class SelfMonitoringTestJob
{
    [AutomaticRetry(Attempts = 0)]
    public void Run() => throw new SelfMonitoringTestException("Self-monitoring test error from a background job (sent from /admin/system/).");
}
