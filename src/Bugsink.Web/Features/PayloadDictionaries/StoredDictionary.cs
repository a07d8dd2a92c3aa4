using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.PayloadDictionaries;

// A project's trained compression dictionary, kept for as long as the database: every payload
// compressed with it needs it to be read back.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A zstd dictionary, not a collection.")]
public sealed class StoredDictionary
{
    // The zstd dictionary id (content-derived, see PayloadDictionary), not a sequence.
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int SampleCount { get; set; }

    public required byte[] Data { get; set; }
}

public sealed class StoredDictionaryConfiguration : IEntityTypeConfiguration<StoredDictionary>
{
    public void Configure(EntityTypeBuilder<StoredDictionary> builder)
    {
        builder.ToTable("PayloadDictionaries");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => new { d.ProjectId, d.CreatedAt });
    }
}
