using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues;

// What the list pages need, kept small so a list never opens an event payload (DESIGN.md "The hot path", 4).
public sealed class Issue
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    // Per-project sequence number: the 42 in MYAPP-42.
    public long Number { get; set; }

    public required string Title { get; set; }

    public required string Type { get; set; }

    public required string Value { get; set; }

    public string? Culprit { get; set; }

    public required string Level { get; set; }

    public required string Platform { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    // Every event ever digested into this issue; eviction never lowers it.
    public long EventCount { get; set; }

    // Events of this issue still stored.
    public long StoredEventCount { get; set; }

    public bool IsResolved { get; set; }

    // Resolved "in the next release": FixedInRelease stays null until a newer release appears.
    public bool IsResolvedByNextRelease { get; set; }

    // The release the fix is in; events from releases before it do not reopen the issue.
    public string? FixedInRelease { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public bool IsMuted { get; set; }

    // Time-based mute: a scheduled job unmutes at this moment even when no event arrives.
    public DateTimeOffset? MutedUntil { get; set; }

    // Volume-based mute: unmute when more than this many events arrive within the window.
    public int? UnmuteOnVolumeCount { get; set; }

    public int? UnmuteOnVolumeWindowSeconds { get; set; }

    // The one team member working on it (issue 25); null: nobody. No foreign key: adding one makes
    // SQLite rebuild the Issues table, which drops the IssueText triggers; leaving a team unassigns.
    public long? AssigneeUserId { get; set; }

    // Deleted issues disappear at once; their rows are removed in background batches.
    public bool IsDeleted { get; set; }
}

public sealed class IssueConfiguration : IEntityTypeConfiguration<Issue>
{
    public void Configure(EntityTypeBuilder<Issue> builder)
    {
        builder.HasIndex(i => new { i.ProjectId, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.ProjectId, i.LastSeen });
        builder.HasIndex(i => new { i.ProjectId, i.FirstSeen });
        builder.HasIndex(i => new { i.ProjectId, i.EventCount });
        builder.HasIndex(i => i.MutedUntil);
        builder.HasIndex(i => new { i.ProjectId, i.AssigneeUserId });
        // The muted and resolved tabs: when few issues match, walking (ProjectId, LastSeen) for 50 of
        // them reads the whole project (390 ms with 100,000 issues). These hold only the matching rows,
        // and a resolved issue's LastSeen rarely changes, so the digest barely pays for them.
        builder.HasIndex(i => new { i.ProjectId, i.LastSeen }, "IX_Issues_Muted_ProjectId_LastSeen").HasFilter("\"IsMuted\"");
        builder.HasIndex(i => new { i.ProjectId, i.LastSeen }, "IX_Issues_Resolved_ProjectId_LastSeen").HasFilter("\"IsResolved\"");
    }
}
