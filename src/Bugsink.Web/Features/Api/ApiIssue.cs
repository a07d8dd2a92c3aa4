using Bugsink.Web.Features.Issues;

namespace Bugsink.Web.Features.Api;

// FriendlyId is SLUG-NUMBER (MYAPP-42), the name people use for an issue in chat and commits. Culprit is
// where it happened as the issue page shows it (file and function, or the transaction); null when unknown.
public sealed record ApiIssue(
    long Id,
    long Project,
    string FriendlyId,
    string Title,
    string Type,
    string Value,
    string? Culprit,
    string Level,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long EventCount,
    bool IsResolved,
    bool IsResolvedByNextRelease,
    string? FixedAt,
    bool IsMuted,
    string? Assignee)
{
    public static ApiIssue From(Issue issue, string projectSlug, string? assignee) => new(
        issue.Id,
        issue.ProjectId,
        FormattableString.Invariant($"{projectSlug}-{issue.Number}"),
        issue.Title,
        issue.Type,
        issue.Value,
        issue.Culprit,
        issue.Level,
        issue.FirstSeen,
        issue.LastSeen,
        issue.EventCount,
        issue.IsResolved,
        issue.IsResolvedByNextRelease,
        issue.FixedInRelease,
        issue.IsMuted,
        assignee);
}
