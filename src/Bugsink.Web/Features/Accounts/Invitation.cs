using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Accounts;

// An invitation to join a team, by email or by a copyable link. Only the token's hash is stored.
public sealed class Invitation
{
    public long Id { get; set; }

    public long TeamId { get; set; }

    public required string Email { get; set; }

    public TeamRole Role { get; set; }

    public required string TokenHash { get; set; }

    public long? InvitedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.TeamId);
    }
}
