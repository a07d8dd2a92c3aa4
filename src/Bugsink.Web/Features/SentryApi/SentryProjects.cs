using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SentryApi;

// {project} in Sentry's paths and "projects" in its bodies: the project's slug, case-insensitively
// (sentry-cli sends what was typed), or its numeric id; only among the projects the token may see.
public sealed class SentryProjects(ProjectAccess access)
{
    public async Task<Project?> FindAsync(ClaimsPrincipal user, string slugOrId, CancellationToken cancellationToken)
    {
        var visible = access.Projects(user).AsNoTracking();
        if (long.TryParse(slugOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await visible.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } byId)
        {
            return byId;
        }

        // ToLower on both sides, not string.Equals(…, OrdinalIgnoreCase): EF Core translates it on SQLite and PostgreSQL.
        var lower = slugOrId.Trim().ToLowerInvariant();
#pragma warning disable CA1862
        return await visible.Where(p => p.Slug.ToLower() == lower).OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1862
    }

    // All of them, or null when one is unknown or hidden.
    public async Task<List<Project>?> FindAllAsync(ClaimsPrincipal user, IEnumerable<string> slugsOrIds, CancellationToken cancellationToken)
    {
        List<Project> found = [];
        foreach (var slug in slugsOrIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await FindAsync(user, slug, cancellationToken) is not { } project)
            {
                return null;
            }

            if (found.All(p => p.Id != project.Id))
            {
                found.Add(project);
            }
        }

        return found;
    }

    public IQueryable<long> VisibleIds(ClaimsPrincipal user) => access.ProjectIds(user);
}
