using System.Security.Cryptography;
using System.Text;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Accounts.Tokens;

public sealed record IssuedToken(ApiToken Token, string Secret);

// Creates, finds and revokes API tokens. A token is 256 random bits, so a plain SHA-256 of it is as
// good as a slow password hash against a stolen database, and lets a request be checked with one
// indexed lookup. The clear token exists only in the answer to its creation.
public sealed class ApiTokenIssuer(AppDbContext db, TimeProvider time)
{
    private const string Marker = "bsk_";

    // "Last used" is written at most this often, so busy scripts do not turn every API read into a write.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedToken> CreateAsync(long? userId, string name, CancellationToken cancellationToken)
    {
        var secret = Marker + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim()[..Math.Min(name.Trim().Length, 100)],
            TokenHash = Hash(secret),
            Prefix = secret[..(Marker.Length + 6)],
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(token, secret);
    }

    // The unrevoked token with this secret, its last-used time brought up to date; null otherwise.
    public async Task<ApiToken?> FindActiveAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Marker, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        var now = time.GetUtcNow();
        if (token is not null && (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            token.LastUsedAt = now;
        }

        return token;
    }

    // Revokes a token of this owner (null owner: an installation token); false when there is no such token.
    public async Task<bool> RevokeAsync(long tokenId, long? ownerUserId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.UserId == ownerUserId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return changed == 1;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
