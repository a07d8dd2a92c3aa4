namespace Bugsink.Web.Features.Issues.Workflow;

// The field changes behind the actions, shared by IssueActions and the scheduled unmute. Resolved and
// muted exclude each other: resolving ends a mute, muting ends a resolution.
internal static class IssueStateChanges
{
    public static void Resolve(Issue issue, bool byNextRelease, string? fixedInRelease, DateTimeOffset now)
    {
        Unmute(issue);
        issue.IsResolved = true;
        issue.IsResolvedByNextRelease = byNextRelease;
        issue.FixedInRelease = fixedInRelease;
        issue.ResolvedAt = now;
    }

    public static void Reopen(Issue issue)
    {
        issue.IsResolved = false;
        issue.IsResolvedByNextRelease = false;
        issue.FixedInRelease = null;
        issue.ResolvedAt = null;
    }

    public static void Mute(Issue issue, MuteSpec spec)
    {
        Reopen(issue);
        issue.IsMuted = true;
        issue.MutedUntil = spec.Until;
        issue.UnmuteOnVolumeCount = spec.VolumeCount;
        issue.UnmuteOnVolumeWindowSeconds = spec.VolumeWindowSeconds;
    }

    public static void Unmute(Issue issue)
    {
        issue.IsMuted = false;
        issue.MutedUntil = null;
        issue.UnmuteOnVolumeCount = null;
        issue.UnmuteOnVolumeWindowSeconds = null;
    }

    public static bool IsMutedAs(Issue issue, MuteSpec spec) =>
        issue.IsMuted && issue.MutedUntil == spec.Until && issue.UnmuteOnVolumeCount == spec.VolumeCount
        && issue.UnmuteOnVolumeWindowSeconds == spec.VolumeWindowSeconds;
}
