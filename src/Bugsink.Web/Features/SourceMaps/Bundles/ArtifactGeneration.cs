using Bugsink.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// ISourceArtifacts.GenerationAsync: raised in the same transaction as every store or removal of a
// project's artifacts, so a cached "no map for this file" never outlives the upload that brings one.
// A counter, not "max bundle id": SQLite may hand a deleted row's id out again.
public sealed class ArtifactGeneration
{
    public long ProjectId { get; set; }

    public long Value { get; set; }
}

public sealed class ArtifactGenerationConfiguration : IEntityTypeConfiguration<ArtifactGeneration>
{
    public void Configure(EntityTypeBuilder<ArtifactGeneration> builder)
    {
        builder.ToTable("ArtifactGenerations");
        builder.HasKey(g => g.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
