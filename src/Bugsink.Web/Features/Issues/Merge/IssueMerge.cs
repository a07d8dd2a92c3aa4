using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues.Merge;

// One issue merged into another (issue 25): the merged issue's row stays, hidden like a deleted one,
// so that its old links redirect to the survivor and the survivor can name the keys it absorbed.
public sealed class IssueMerge
{
    public long MergedIssueId { get; set; }

    // Where the merged issue's events went; repointed when the survivor is itself merged later, so a
    // redirect is always one lookup.
    public long SurvivorIssueId { get; set; }

    public long ProjectId { get; set; }

    public DateTimeOffset MergedAt { get; set; }
}

public sealed class IssueMergeConfiguration : IEntityTypeConfiguration<IssueMerge>
{
    public void Configure(EntityTypeBuilder<IssueMerge> builder)
    {
        builder.ToTable("IssueMerges");
        builder.HasKey(m => m.MergedIssueId);
        builder.Property(m => m.MergedIssueId).ValueGeneratedNever();
        builder.HasIndex(m => m.SurvivorIssueId);
    }
}
