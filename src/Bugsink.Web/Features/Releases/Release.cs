using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Releases;

// A release seen in a project's events. Ordering (semver or first appearance) comes with the workflow issue.
public sealed class Release
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string Version { get; set; }

    public DateTimeOffset FirstSeen { get; set; }
}

public sealed class ReleaseConfiguration : IEntityTypeConfiguration<Release>
{
    public void Configure(EntityTypeBuilder<Release> builder)
    {
        builder.Property(r => r.Version).HasMaxLength(200);
        builder.HasIndex(r => new { r.ProjectId, r.Version }).IsUnique();
    }
}
