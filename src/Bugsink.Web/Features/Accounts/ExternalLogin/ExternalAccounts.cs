using System.Security.Claims;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// Why an outside sign-in was refused; SignInFailed shows a fixed text for each (never the provider's words).
public enum ExternalRefusal
{
    None = 0,
    CallbackFailed,
    NoEmail,
    DomainNotAllowed,
    UnverifiedEmail,
    NoAccount,
    Locked,
}

public sealed record ExternalMatch(User? User, ExternalRefusal Refusal);

// Finds or creates the account behind an outside identity (an OpenID provider's subject, a proxy's header),
// under the rules both share: AllowedEmailDomains, AutoCreateUsers, and never trusting an unverified address.
public sealed partial class ExternalAccounts(
    UserManager<User> users, UserCreator creator, AppDbContext db, TimeProvider time, IOptions<OidcOptions> oidc, ILogger<ExternalAccounts> log)
{
    // The OpenID Connect case: by (issuer, subject) first, then by verified email, which is then linked.
    public async Task<ExternalMatch> MatchProviderUserAsync(ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        var options = oidc.Value;
        var subject = external.FindFirst("sub");
        var email = external.FindFirst("email")?.Value?.Trim();
        if (subject is null)
        {
            return new ExternalMatch(null, ExternalRefusal.CallbackFailed);
        }

        if (string.IsNullOrEmpty(email))
        {
            return new ExternalMatch(null, ExternalRefusal.NoEmail);
        }

        if (!options.AllowsEmail(email))
        {
            return new ExternalMatch(null, ExternalRefusal.DomainNotAllowed);
        }

        // Subjects are unique per issuer only: the issuer is the login provider's key.
        var issuer = external.FindFirst("iss")?.Value ?? subject.Issuer;
        var user = await users.FindByLoginAsync(issuer, subject.Value);
        if (user is null)
        {
            var verified = options.EmailsAreVerified || bool.TryParse(external.FindFirst("email_verified")?.Value, out var v) && v;
            if (!verified)
            {
                // Neither linked to an account with that address (a takeover) nor made into a new one (which
                // an invitation to that address would later hand team access to).
                return new ExternalMatch(null, ExternalRefusal.UnverifiedEmail);
            }

            var byEmail = await FindOrCreateByEmailAsync(email);
            if (byEmail.User is null)
            {
                return byEmail;
            }

            user = byEmail.User;
            var linked = await users.AddLoginAsync(user, new UserLoginInfo(issuer, subject.Value, options.DisplayName));
            if (!linked.Succeeded)
            {
                LogLinkFailed(email, string.Join(" ", UserCreator.Describe(linked)));
                return new ExternalMatch(null, ExternalRefusal.CallbackFailed);
            }

            LogLinked(email, issuer);
        }

        if (user.LockoutEnd > time.GetUtcNow())
        {
            return new ExternalMatch(null, ExternalRefusal.Locked);
        }

        await ApplyClaimsAsync(user, external, cancellationToken);
        return new ExternalMatch(user, ExternalRefusal.None);
    }

    // The trusted-header case: the proxy vouches for the address.
    public async Task<ExternalMatch> MatchHeaderUserAsync(string email)
    {
        email = email.Trim();
        if (!oidc.Value.AllowsEmail(email))
        {
            return new ExternalMatch(null, ExternalRefusal.DomainNotAllowed);
        }

        var match = await FindOrCreateByEmailAsync(email);
        return match.User?.LockoutEnd > time.GetUtcNow() ? new ExternalMatch(null, ExternalRefusal.Locked) : match;
    }

    private async Task<ExternalMatch> FindOrCreateByEmailAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return new ExternalMatch(existing, ExternalRefusal.None);
        }

        if (!oidc.Value.AutoCreateUsers)
        {
            return new ExternalMatch(null, ExternalRefusal.NoAccount);
        }

        // No password: the account is entered through the provider (or a set-password link an admin makes).
        var created = await creator.CreateAsync(email, password: null, isAdmin: false);
        if (created.User is null)
        {
            LogCreateFailed(email, string.Join(" ", created.Errors));
            return new ExternalMatch(null, ExternalRefusal.NoAccount);
        }

        LogCreated(email);
        return new ExternalMatch(created.User, ExternalRefusal.None);
    }

    // AdminClaim decides admin rights at every sign-in; TeamClaim adds memberships of teams that exist and
    // leaves every other membership alone. Array claims arrive as one claim per element.
    private async Task ApplyClaimsAsync(User user, ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        var options = oidc.Value;
        if (OidcOptions.ParseClaimRule(options.AdminClaim) is var (type, value))
        {
            var isAdmin = external.FindAll(type).Any(c => string.Equals(c.Value, value, StringComparison.Ordinal));
            if (user.IsAdmin != isAdmin)
            {
                user.IsAdmin = isAdmin;
                await users.UpdateAsync(user);
                LogAdminChanged(user.Email, isAdmin, options.AdminClaim);
            }
        }

        if (string.IsNullOrWhiteSpace(options.TeamClaim))
        {
            return;
        }

        var names = external.FindAll(options.TeamClaim.Trim()).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var missing = await db.Teams.Where(t => names.Contains(t.Name))
            .Where(t => !db.TeamMemberships.Any(m => m.TeamId == t.Id && m.UserId == user.Id))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var teamId in missing)
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = user.Id, Role = TeamRole.Member });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not link {Email} to the OpenID provider: {Errors}")]
    private partial void LogLinkFailed(string email, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked the account {Email} to the OpenID provider {Issuer}")]
    private partial void LogLinked(string email, string issuer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create an account for {Email}: {Errors}")]
    private partial void LogCreateFailed(string email, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the account {Email} at its first outside sign-in")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Email}: administrator = {IsAdmin}, by the claim {Claim}")]
    private partial void LogAdminChanged(string? email, bool isAdmin, string claim);
}
