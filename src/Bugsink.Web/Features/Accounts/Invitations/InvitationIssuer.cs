using System.Security.Cryptography;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.Invitations;

public sealed record IssuedInvitation(Invitation Invitation, string Secret);

// Invitations to a team. Like API tokens, the link's secret is random and only its SHA-256 is stored,
// so the database alone cannot be used to join a team.
public sealed class InvitationIssuer(AppDbContext db, TimeProvider time, IOptions<AccountsOptions> options)
{
    public async Task<IssuedInvitation> CreateAsync(long teamId, string email, TeamRole role, long? invitedBy, CancellationToken cancellationToken)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = time.GetUtcNow();
        var invitation = new Invitation
        {
            TeamId = teamId,
            Email = email.Trim(),
            Role = role,
            TokenHash = ApiTokenIssuer.Hash(secret),
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.InvitationDays),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedInvitation(invitation, secret);
    }

    // An invitation that can still be accepted, or null (unknown, used, expired, or its team is gone).
    public async Task<Invitation?> FindOpenAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is 0 or > 100)
        {
            return null;
        }

        var hash = ApiTokenIssuer.Hash(secret);
        var now = time.GetUtcNow();
        return await db.Invitations.FirstOrDefaultAsync(
            i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now && db.Teams.Any(t => t.Id == i.TeamId),
            cancellationToken);
    }

    // Joins the user to the invitation's team. Accepting never lowers a role the user already has.
    public async Task AcceptAsync(Invitation invitation, long userId, CancellationToken cancellationToken)
    {
        var membership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.TeamId == invitation.TeamId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = invitation.TeamId, UserId = userId, Role = invitation.Role });
        }
        else if (invitation.Role > membership.Role)
        {
            membership.Role = invitation.Role;
        }

        invitation.AcceptedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
