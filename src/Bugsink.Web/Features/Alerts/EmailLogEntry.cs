using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Alerts;

// One attempt to send one email: the admin page lists the recent failures from here.
public sealed class EmailLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public bool Succeeded { get; set; }

    public string? Error { get; set; }

    public long? AlertRequestId { get; set; }
}

public sealed class EmailLogEntryConfiguration : IEntityTypeConfiguration<EmailLogEntry>
{
    public void Configure(EntityTypeBuilder<EmailLogEntry> builder)
    {
        builder.ToTable("EmailLog");
        builder.HasIndex(e => e.At);
    }
}
