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
}

public sealed class IssueConfiguration : IEntityTypeConfiguration<Issue>
{
    public void Configure(EntityTypeBuilder<Issue> builder)
    {
        builder.HasIndex(i => new { i.ProjectId, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.ProjectId, i.LastSeen });
    }
}
