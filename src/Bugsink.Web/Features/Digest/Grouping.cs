using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Digest;

// A grouping key seen in a project, and the issue it leads to. The scheme version is kept so a later
// scheme can map its own keys onto existing issues instead of splitting them.
public sealed class Grouping
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long IssueId { get; set; }

    public int SchemeVersion { get; set; }

    // sha256 hex of Key: the lookup column (keys can be long).
    public required string KeyHash { get; set; }

    public required string Key { get; set; }

    // Set while this key is merged into another issue (issue 25): the issue the key first led to,
    // whose title the survivor's page shows beside the key. Null for the issue's own keys.
    public long? MergedFromIssueId { get; set; }
}

public sealed class GroupingConfiguration : IEntityTypeConfiguration<Grouping>
{
    public void Configure(EntityTypeBuilder<Grouping> builder)
    {
        builder.HasIndex(g => new { g.ProjectId, g.KeyHash }).IsUnique();
        builder.HasIndex(g => g.IssueId);
    }
}
