using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues;

// Attachments (and user feedback items) sent with an event, linked by event id because they may
// arrive in another envelope than the event itself.
public sealed class EventAttachment
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string EventId { get; set; }

    public required string ItemType { get; set; }

    public required string Filename { get; set; }

    public string? ContentType { get; set; }

    public string? AttachmentType { get; set; }

    public required byte[] Data { get; set; }

    // length(Data), written by the digest with the row (AttachmentQuotas filled it for older rows). The
    // index below holds it, so a project's stored bytes are summed, and pages list sizes, without reading
    // any attachment.
    public long Size { get; private set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

public sealed class EventAttachmentConfiguration : IEntityTypeConfiguration<EventAttachment>
{
    public void Configure(EntityTypeBuilder<EventAttachment> builder)
    {
        builder.HasIndex(a => new { a.ProjectId, a.EventId });
        // Size is a plain column, not a generated one: SQLite's incremental blob I/O refuses tables that have one.
        // Covers the storage cap's work: bytes per project, and its attachments oldest first with their event.
        builder.HasIndex(a => new { a.ProjectId, a.Id, a.Size, a.EventId }).HasDatabaseName("IX_EventAttachments_Storage");
    }
}
