using System.Security.Claims;
using System.Text.Json.Nodes;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SentryApi;

// The release rows of one version among the projects a token sees, and their answers in Sentry's shape.
public sealed class SentryReleases(AppDbContext db, SentryProjects projects)
{
    // How many versions a list answers with (sentry-cli asks without pagination).
    public const int ListLimit = 100;

    public async Task<List<(Release Release, Project Project)>> RowsAsync(
        ClaimsPrincipal user, string version, IReadOnlyCollection<long>? onlyProjects, CancellationToken cancellationToken)
    {
        var visible = projects.VisibleIds(user);
        var query = db.Releases.Where(r => r.Version == version && visible.Contains(r.ProjectId));
        if (onlyProjects is not null)
        {
            query = query.Where(r => onlyProjects.Contains(r.ProjectId));
        }

        var rows = await query
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { r, p })
            .OrderBy(x => x.p.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => (x.r, x.p))];
    }

    // The projects a request body's "projects" names (null when it names none: then every project the
    // token sees); UnknownProject when it names one the token cannot see.
    public async Task<(bool UnknownProject, List<long>? Only)> NamedProjectsAsync(ClaimsPrincipal user, JsonObject body, CancellationToken cancellationToken)
    {
        if (body.Texts("projects") is not { Count: > 0 } slugs)
        {
            return (false, null);
        }

        return await projects.FindAllAsync(user, slugs, cancellationToken) is { } found ? (false, [.. found.Select(p => p.Id)]) : (true, null);
    }

    public async Task<SentryRelease> ShapeAsync(List<(Release Release, Project Project)> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Release.Id).ToList();
        var deploys = await db.Set<Deploy>().AsNoTracking().Where(d => ids.Contains(d.ReleaseId)).ToListAsync(cancellationToken);
        return SentryRelease.From(rows, deploys);
    }

    // Newest versions first, among the given projects.
    public async Task<List<SentryRelease>> ListAsync(ClaimsPrincipal user, long? onlyProject, CancellationToken cancellationToken)
    {
        var visible = projects.VisibleIds(user);
        var scope = db.Releases.AsNoTracking().Where(r => visible.Contains(r.ProjectId));
        if (onlyProject is { } projectId)
        {
            scope = scope.Where(r => r.ProjectId == projectId);
        }

        var rows = await scope
            .OrderByDescending(r => r.FirstSeen).ThenByDescending(r => r.Id)
            .Take(ListLimit * 4)
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { r, p })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(x => x.r.Id).ToList();
        var deploys = await db.Set<Deploy>().AsNoTracking().Where(d => ids.Contains(d.ReleaseId)).ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(x => x.r.FirstSeen).ThenByDescending(x => x.r.Id)
            .GroupBy(x => x.r.Version, StringComparer.Ordinal)
            .Take(ListLimit)
            .Select(group => SentryRelease.From(
                [.. group.Select(x => (x.r, x.p))],
                [.. deploys.Where(d => group.Any(x => x.r.Id == d.ReleaseId))]))];
    }
}
