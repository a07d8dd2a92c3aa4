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

    // Joins a user to the invitation's team, once: the transaction starts with one conditional UPDATE
    // (not yet accepted, not expired), so of several requests accepting the same link at the same moment
    // exactly one changes the row and the others get false. `member` gives the user's id, or creates the
    // account inside the same transaction (null: it could not, and nothing is kept). Accepting never
    // lowers a role the user already has.
    public async Task<bool> AcceptAsync(Invitation invitation, Func<Task<long?>> member, CancellationToken cancellationToken)
    {
        // IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock first, so the UPDATE sees the latest row.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var claimed = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now), cancellationToken);
        if (claimed == 0 || await member() is not { } userId)
        {
            return false;
        }

        var membership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.TeamId == invitation.TeamId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = invitation.TeamId, UserId = userId, Role = invitation.Role });
        }
        else if (invitation.Role > membership.Role)
        {
            membership.Role = invitation.Role;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
