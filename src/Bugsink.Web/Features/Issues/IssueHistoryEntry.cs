using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues;

public enum IssueHistoryKind
{
    Resolved = 0,
    ResolvedInNextRelease = 1,
    ResolvedInRelease = 2,
    FixReleaseMaterialised = 3,
    Reopened = 4,
    Regressed = 5,
    Muted = 6,
    Unmuted = 7,
    Deleted = 8,
    Comment = 9,
    Assigned = 10,
    Unassigned = 11,

    // Issue 25, merging; numbered apart so that other new kinds cannot take the same values.
    Merged = 20,
    MergingStopped = 21,
}

// Every state change of an issue, and the comments on it, with who did it (a user, or the system) and when.
public sealed class IssueHistoryEntry
{
    public long Id { get; set; }

    public long IssueId { get; set; }

    public IssueHistoryKind Kind { get; set; }

    // Null for changes the system made (regressions, unmutes, a fix release appearing).
    public long? UserId { get; set; }

    public required string ActorName { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Release { get; set; }

    // Human-readable specifics: "until 2026-12-01 10:00", "more than 5 events in 1 hour", the event that regressed it…
    public string? Detail { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset? EditedAt { get; set; }
}

public sealed class IssueHistoryEntryConfiguration : IEntityTypeConfiguration<IssueHistoryEntry>
{
    public void Configure(EntityTypeBuilder<IssueHistoryEntry> builder)
    {
        builder.ToTable("IssueHistory");
        builder.HasIndex(h => new { h.IssueId, h.At });
    }
}
