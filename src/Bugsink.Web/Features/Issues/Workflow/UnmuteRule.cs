namespace Bugsink.Web.Features.Issues.Workflow;

// Does a new event end the mute of a muted issue? Checked for each event in digest order.
public static class UnmuteRule
{
    public const string TimeReason = "time";

    public const string VolumeReason = "volume";

    // The reason the mute ends with this event, or null when it goes on.
    public static string? Check(IssueWorkflowState issue, DateTimeOffset receivedAt, DateTimeOffset digestedAt)
    {
        if (!issue.IsMuted)
        {
            return null;
        }

        // The scheduled unmute job runs at MutedUntil (within a second of it); an event digested in
        // between must not count as muted, so the digest ends the mute itself and the job finds nothing to do.
        if (issue.MutedUntil <= digestedAt)
        {
            return TimeReason;
        }

        if (issue.UnmuteOnVolumeCount is not { } threshold)
        {
            return null;
        }

        if (receivedAt > issue.VolumeWindowStart)
        {
            issue.EventsInVolumeWindow++;
        }

        return issue.EventsInVolumeWindow > threshold ? VolumeReason : null;
    }
}
