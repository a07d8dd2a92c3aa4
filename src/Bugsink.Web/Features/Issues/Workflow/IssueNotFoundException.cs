namespace Bugsink.Web.Features.Issues.Workflow;

// Thrown by IssueActions when the issue does not exist or is deleted. Callers check visibility
// first, so this means the issue went away in between: answer 404.
public sealed class IssueNotFoundException(long issueId) : Exception($"Issue {issueId} does not exist or is deleted.")
{
    public long IssueId { get; } = issueId;
}
