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

    // Order of first appearance within the project (1, 2, 3…): the order for non-semver names.
    public long Sequence { get; set; }

    public bool IsSemver { get; set; }

    // Raised when a project switches between semver and other naming, so releases of the new
    // naming sort after all releases of the old one.
    public int Epoch { get; set; }

    // Set by `sentry-cli releases finalize` (the Sentry API's dateReleased); null until then.
    public DateTimeOffset? DateReleased { get; set; }
}

public sealed class ReleaseConfiguration : IEntityTypeConfiguration<Release>
{
    public void Configure(EntityTypeBuilder<Release> builder)
    {
        builder.Property(r => r.Version).HasMaxLength(200);
        builder.HasIndex(r => new { r.ProjectId, r.Version }).IsUnique();
        // Newest releases first (the issue page's "resolved in release" list) without sorting them all.
        builder.HasIndex(r => new { r.ProjectId, r.Sequence });
    }
}
