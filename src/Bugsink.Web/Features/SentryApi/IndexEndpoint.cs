using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SentryApi;

// GET /api/0/ (sentry-cli info): who the token is and what it may do. A project token may do all that
// sentry-cli does with the projects it sees; an installation token has no user (as Sentry's org tokens).
public static class IndexEndpoint
{
    private static readonly string[] Scopes = ["org:read", "org:ci", "project:read", "project:write", "project:releases"];

    public static async Task<IResult> GetAsync(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return SentryJson.Ok(new { version = "0", auth = (object?)null, user = (object?)null });
        }

        object? person = null;
        if (ProjectAccess.UserIdOf(user) is { } userId
            && await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } account)
        {
            var email = account.Email ?? "";
            person = new { id = userId.ToString(CultureInfo.InvariantCulture), name = email, username = account.UserName ?? email, email };
        }

        return SentryJson.Ok(new { version = "0", auth = new { scopes = Scopes }, user = person });
    }
}
