using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Features.Issues.Workflow;

// Does a new event reopen a resolved issue? DESIGN.md "Semantics": decided by release order.
public static class RegressionRule
{
    // eventRelease and fixRelease are the project's registered releases named by the event and by the
    // issue's FixedInRelease (null when the event has none, or when no such release exists).
    public static bool IsRegression(IssueWorkflowState issue, Release? eventRelease, Release? fixRelease)
    {
        if (!issue.IsResolved)
        {
            return false;
        }

        // "Resolved in next release" that has not appeared yet: every event is still from a release
        // without the fix (the event that brings the new release materialises it first, see DigestWorkflow).
        if (issue.IsResolvedByNextRelease)
        {
            return false;
        }

        // Resolved unconditionally.
        if (issue.FixedInRelease is null)
        {
            return true;
        }

        // Nothing to order by: the project has no such release (it has no releases at all).
        if (fixRelease is null)
        {
            return true;
        }

        // An event that names no release cannot be placed before the fix; an unnoticed regression
        // costs more than a needless alert.
        if (eventRelease is null)
        {
            return true;
        }

        return ReleaseOrder.Compare(eventRelease, fixRelease) >= 0;
    }
}
