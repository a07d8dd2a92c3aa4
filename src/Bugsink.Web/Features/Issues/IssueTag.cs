using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Issues;

// Tag value counts per issue: what the tag filters and the "tags" panel read, without opening events.
public sealed class IssueTag
{
    public long IssueId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}

public sealed class IssueTagConfiguration : IEntityTypeConfiguration<IssueTag>
{
    public void Configure(EntityTypeBuilder<IssueTag> builder)
    {
        builder.HasKey(t => new { t.IssueId, t.Key, t.Value });
        builder.HasIndex(t => new { t.Key, t.Value });
    }
}
