using Bugsink.Web.Features.Accounts;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.SelfMonitoring;

// The "Send a test error" buttons of /admin/system/: a POST (with antiforgery, like every form) that
// throws inside the request, or one that enqueues a job that fails, so an administrator can see the
// report arrive where SENTRY_DSN points. The request one answers 500 on purpose: that is the path.
[Authorize(Policy = AdminRequirement.Policy)]
public sealed class TestErrorModel(IBackgroundJobClient jobs, SelfMonitoringStatus status) : PageModel
{
    private const string SystemPage = "~/admin/system/";

    public IActionResult OnGet() => LocalRedirect(SystemPage);

    public IActionResult OnPost() =>
        throw new SelfMonitoringTestException("Self-monitoring test error from a request (sent from /admin/system/).");

    public IActionResult OnPostJob()
    {
        var id = jobs.Enqueue<SelfMonitoringTestJob>(job => job.Run());
        TempData["Flash"] = status.Enabled
            ? $"Job {id} was queued; it fails on purpose and its error goes to {status.Host}, project {status.ProjectId}."
            : $"Job {id} was queued; it fails on purpose, but self-monitoring is off, so its error is only shown at /jobs.";
        return LocalRedirect(SystemPage);
    }
}
