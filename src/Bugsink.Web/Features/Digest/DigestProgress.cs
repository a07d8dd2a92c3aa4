using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Digest;

// The highest inbox row ids already digested, written in the same transaction as the digested rows.
// The inbox lives in another file, so deleting its rows cannot be part of that transaction; after a
// crash between the two commits this watermark says which inbox rows are already done.
public sealed class DigestProgress
{
    public int Id { get; set; } = 1;

    public long LastInboxEventId { get; set; }

    public long LastInboxAttachmentId { get; set; }
}

public sealed class DigestProgressConfiguration : IEntityTypeConfiguration<DigestProgress>
{
    public void Configure(EntityTypeBuilder<DigestProgress> builder)
    {
        builder.ToTable("DigestProgress");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasData(new DigestProgress());
    }
}
