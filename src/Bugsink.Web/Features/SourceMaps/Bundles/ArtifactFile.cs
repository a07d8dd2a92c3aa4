using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// One file of a bundle, indexed the two ways frames find it: by debug ID (any release) and by
// (release, dist, URL). Project, release and dist are copied from the bundle so that each lookup is
// one index seek. Content is Brotli-compressed (ArtifactCompression).
public sealed class ArtifactFile
{
    public long Id { get; set; }

    public long BundleId { get; set; }

    public long ProjectId { get; set; }

    public string Release { get; set; } = "";

    public string Dist { get; set; } = "";

    // The manifest's url ("~/static/js/app.min.js", "app:///index.js", a full URL).
    public required string Url { get; set; }

    public SourceArtifactKind Kind { get; set; }

    public Guid? DebugId { get; set; }

    // The manifest's "sourcemap" (or "x-sourcemap") header.
    public string? SourceMapHeader { get; set; }

    // Bytes before compression.
    public long Size { get; set; }

    public required byte[] Content { get; set; }
}

public sealed class ArtifactFileConfiguration : IEntityTypeConfiguration<ArtifactFile>
{
    public void Configure(EntityTypeBuilder<ArtifactFile> builder)
    {
        builder.ToTable("ArtifactFiles");
        builder.Property(f => f.Url).HasMaxLength(2048);
        builder.Property(f => f.Release).HasMaxLength(200);
        builder.Property(f => f.Dist).HasMaxLength(64);
        builder.Property(f => f.SourceMapHeader).HasMaxLength(2048);
        builder.HasIndex(f => new { f.ProjectId, f.DebugId, f.Kind });
        builder.HasIndex(f => new { f.ProjectId, f.Release, f.Dist, f.Url });
    }
}
