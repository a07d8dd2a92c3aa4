using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Projects;

public sealed class Project
{
    public long Id { get; set; }

    public long TeamId { get; set; }

    public Team? Team { get; set; }

    public required string Name { get; set; }

    // Short upper-case prefix for friendly issue ids such as MYAPP-42.
    public required string Slug { get; set; }

    // 32 lowercase hex: the DSN's key. Only [0-9a-f] because the JavaScript SDK's DSN regex wants \w+ (PROTOCOL.md §1.2).
    public required string PublicKey { get; set; }

    public bool IsEnabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    // Last per-project issue number handed out; the digest increments it inside its transaction.
    public long IssueSequence { get; set; }

    // Alert switches (all on by default); members choose for themselves whether they receive them.
    public bool AlertOnNewIssue { get; set; } = true;

    public bool AlertOnRegression { get; set; } = true;

    public bool AlertOnUnmute { get; set; } = true;

    // Stored events kept per project; older, less useful events are evicted beyond it.
    public int RetentionMaxEvents { get; set; } = 10_000;

    // Optional: events older than this many days are removed by a recurring job.
    public int? RetentionMaxAgeDays { get; set; }

    // Optional ingest quotas (events accepted per window); null means the installation default.
    public int? QuotaPerMinute { get; set; }

    public int? QuotaPerHour { get; set; }

    public int? QuotaPerMonth { get; set; }

    // Optional attachment quotas (bytes accepted per window, their own category); null means the installation default.
    public long? AttachmentQuotaBytesPerMinute { get; set; }

    public long? AttachmentQuotaBytesPerHour { get; set; }

    public long? AttachmentQuotaBytesPerMonth { get; set; }

    // Set by a delete: ingest refuses the key at once and a background job removes the rows.
    public DateTimeOffset? DeletedAt { get; set; }
}

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Slug).HasMaxLength(40);
        builder.Property(p => p.PublicKey).HasMaxLength(32);
        builder.HasIndex(p => p.PublicKey).IsUnique();
        builder.HasOne(p => p.Team).WithMany(t => t.Projects).HasForeignKey(p => p.TeamId);
    }
}
