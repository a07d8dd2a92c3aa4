using Bugsink.Web.Features.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.SentryApi;

// A deploy of a release to an environment (sentry-cli deploys new -e ENV), shown on the project page.
public sealed class Deploy
{
    public long Id { get; set; }

    public long ReleaseId { get; set; }

    public required string Environment { get; set; }

    public string? Name { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset? DateStarted { get; set; }

    public DateTimeOffset DateFinished { get; set; }
}

public sealed class DeployConfiguration : IEntityTypeConfiguration<Deploy>
{
    public void Configure(EntityTypeBuilder<Deploy> builder)
    {
        builder.ToTable("Deploys");
        builder.Property(d => d.Environment).HasMaxLength(64);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Url).HasMaxLength(2048);
        builder.HasIndex(d => new { d.ReleaseId, d.DateFinished });
        // Releases go with their project (DeleteProjectJob) or with releases delete; deploys follow.
        builder.HasOne<Release>().WithMany().HasForeignKey(d => d.ReleaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
