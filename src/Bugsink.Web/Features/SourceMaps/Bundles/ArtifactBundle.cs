using Bugsink.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// One uploaded artifact bundle (or one legacy release file, stored as a bundle of one) in one project.
// A bundle sent for several projects is stored once per project, so every lookup and every removal
// stays inside a single project.
public sealed class ArtifactBundle
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    // SHA-1 of the manifest's own debug_id (Sentry's key for a bundle) with the release and dist, or
    // "file:" and a hash of release, dist and name for a legacy release file; an upload with the same
    // key replaces the earlier one.
    public required string BundleKey { get; set; }

    // SHA-1 of the uploaded bytes: a repeated assemble call answers "ok" without reprocessing.
    public required string Checksum { get; set; }

    // "" when the upload named no release (debug IDs only) or no dist.
    public string Release { get; set; } = "";

    public string Dist { get; set; } = "";

    public int FileCount { get; set; }

    // Bytes as uploaded (the bundle file), which is what the per-project limit counts.
    public long Size { get; set; }

    // The files' debug IDs, space-separated, for the project page.
    public string DebugIds { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    // Last time a lookup returned one of its files (tracked in memory, written by the retention job).
    public DateTimeOffset LastUsedAt { get; set; }

    public List<ArtifactFile> Files { get; set; } = [];
}

public sealed class ArtifactBundleConfiguration : IEntityTypeConfiguration<ArtifactBundle>
{
    public void Configure(EntityTypeBuilder<ArtifactBundle> builder)
    {
        builder.ToTable("ArtifactBundles");
        builder.Property(b => b.BundleKey).HasMaxLength(64);
        builder.Property(b => b.Checksum).HasMaxLength(40);
        builder.Property(b => b.Release).HasMaxLength(200);
        builder.Property(b => b.Dist).HasMaxLength(64);
        builder.HasIndex(b => new { b.ProjectId, b.BundleKey });
        builder.HasIndex(b => b.Checksum);
        builder.HasIndex(b => b.LastUsedAt);
        // Deleting a project removes its bundles (DeleteProjectJob deletes the project row last).
        builder.HasOne<Project>().WithMany().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(b => b.Files).WithOne().HasForeignKey(f => f.BundleId).OnDelete(DeleteBehavior.Cascade);
    }
}
