using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Accounts;

// A bearer token for the JSON API. The token itself is shown once; only its SHA-256 is kept.
public sealed class ApiToken
{
    public long Id { get; set; }

    // The token acts as this user (null: an installation-wide token created by the CLI, with admin rights).
    public long? UserId { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    // First characters of the token, so people can tell their tokens apart in the list.
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
    }
}
