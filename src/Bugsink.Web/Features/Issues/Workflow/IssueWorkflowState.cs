namespace Bugsink.Web.Features.Issues.Workflow;

// An issue's workflow fields as the digest reads them inside its batch transaction, changed by the
// rules event by event and written back once at the end of the batch.
public sealed class IssueWorkflowState
{
    public long IssueId { get; init; }

    public long ProjectId { get; init; }

    public bool IsResolved { get; set; }

    public bool IsResolvedByNextRelease { get; set; }

    public string? FixedInRelease { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public bool IsMuted { get; set; }

    public DateTimeOffset? MutedUntil { get; set; }

    public int? UnmuteOnVolumeCount { get; set; }

    public int? UnmuteOnVolumeWindowSeconds { get; set; }

    // Volume mutes only: events that count towards the threshold arrived after this moment (the later
    // of "now minus the window" and the moment of muting), and how many did so far.
    public DateTimeOffset VolumeWindowStart { get; set; }

    public long EventsInVolumeWindow { get; set; }

    public bool IsChanged { get; private set; }

    public static IssueWorkflowState Open(long issueId, long projectId) => new() { IssueId = issueId, ProjectId = projectId };

    public void Reopen()
    {
        IsResolved = false;
        IsResolvedByNextRelease = false;
        FixedInRelease = null;
        ResolvedAt = null;
        IsChanged = true;
    }

    public void Unmute()
    {
        IsMuted = false;
        MutedUntil = null;
        UnmuteOnVolumeCount = null;
        UnmuteOnVolumeWindowSeconds = null;
        IsChanged = true;
    }

    // The fix release was set in the database by the same transaction; keep this copy in step.
    public void FixReleaseMaterialised(string version)
    {
        IsResolvedByNextRelease = false;
        FixedInRelease = version;
    }
}
