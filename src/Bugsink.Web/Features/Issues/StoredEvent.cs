using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues;

// One digested event. The payload stays brotli-compressed exactly as the inbox stored it.
public sealed class StoredEvent
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long IssueId { get; set; }

    // 32 lowercase hex; unique per project: SDK retries and the digest's own crash recovery rely on it.
    public required string EventId { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public DateTimeOffset IngestedAt { get; set; }

    public DateTimeOffset DigestedAt { get; set; }

    public string? Release { get; set; }

    public string? Environment { get; set; }

    public required string Level { get; set; }

    public required string Title { get; set; }

    // False when the payload was not valid JSON: kept raw so it can be shown, never dropped.
    public bool IsParsable { get; set; } = true;

    public int GroupingSchemeVersion { get; set; }

    public required byte[] Payload { get; set; }

    // Uncompressed size in bytes.
    public int PayloadSize { get; set; }

    public string? RemoteAddress { get; set; }

    // The event that opened, regressed or unmuted its issue: eviction keeps it while anything else can go.
    public bool IsProtected { get; set; }
}

public sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("Events");
        builder.HasIndex(e => new { e.ProjectId, e.EventId }).IsUnique();
        builder.HasIndex(e => new { e.IssueId, e.Timestamp });
        // The volume-based unmute counts an issue's recent arrivals; without it a muted issue with
        // 200,000 events cost the digest about a second per batch (measured with 1,000,000 stored).
        builder.HasIndex(e => new { e.IssueId, e.IngestedAt });
    }
}
