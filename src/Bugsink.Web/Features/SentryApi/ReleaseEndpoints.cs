using System.Security.Claims;
using System.Text.Json.Nodes;
using Bugsink.Web.Features.Api;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SentryApi;

// sentry-cli releases new / finalize / list / info / delete / archive (PROTOCOL-RELEASES.md §2.2-2.3).
// Creation goes through ReleaseCreation, the same registration the digest's releases get, so a new
// newest release turns "resolve in next release" into "fixed in" at once.
public static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapSentryReleases(this RouteGroupBuilder api)
    {
        api.MapGet("organizations/{org}/releases/", ListAsync);
        api.MapPost("organizations/{org}/releases/", (string org, HttpRequest request, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, ReleaseCreation creation, AppDbContext db, CancellationToken ct) =>
            CreateAsync(null, request, user, projects, releases, creation, db, ct));
        // Organisation paths act on the version in every project the token sees (no path scope).
        api.MapGet("organizations/{org}/releases/{version}/", (string version, ClaimsPrincipal user, SentryReleases releases, CancellationToken ct) =>
            GetAsync(version, user, releases, null, ct));
        api.MapPut("organizations/{org}/releases/{version}/", (string version, HttpRequest request, ClaimsPrincipal user, SentryReleases releases, AppDbContext db, CancellationToken ct) =>
            UpdateAsync(version, request, user, releases, db, null, ct));
        api.MapDelete("organizations/{org}/releases/{version}/", (string version, ClaimsPrincipal user, SentryReleases releases, AppDbContext db, BundleStore bundles, CancellationToken ct) =>
            DeleteAsync(version, user, releases, db, bundles, null, ct));
        api.MapGet("organizations/{org}/releases/{version}/previous-with-commits/", () => SentryJson.Ok(new { }));
        api.MapGet("organizations/{org}/repos/", () => SentryJson.Ok(Array.Empty<object>()));
        // sentry-cli 2.x addresses a release through its project when one is configured: these act on that
        // project's release only, never on the same version in the token's other projects.
        api.MapGet("projects/{org}/{project}/releases/{version}/", (string project, string version, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, CancellationToken ct) =>
            InProjectAsync(project, user, projects, only => GetAsync(version, user, releases, only, ct), ct));
        api.MapPut("projects/{org}/{project}/releases/{version}/", (string project, string version, HttpRequest request, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, AppDbContext db, CancellationToken ct) =>
            InProjectAsync(project, user, projects, only => UpdateAsync(version, request, user, releases, db, only, ct), ct));
        api.MapDelete("projects/{org}/{project}/releases/{version}/", (string project, string version, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, AppDbContext db, BundleStore bundles, CancellationToken ct) =>
            InProjectAsync(project, user, projects, only => DeleteAsync(version, user, releases, db, bundles, only, ct), ct));
        api.MapGet("projects/{org}/{project}/releases/", ListForProjectAsync);
        api.MapPost("projects/{org}/{project}/releases/", (string project, HttpRequest request, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, ReleaseCreation creation, AppDbContext db, CancellationToken ct) =>
            CreateAsync(project, request, user, projects, releases, creation, db, ct));
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, CancellationToken cancellationToken) =>
        SentryJson.Ok(await releases.ListAsync(user, null, cancellationToken));

    private static async Task<IResult> ListForProjectAsync(
        string project, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(user, project, cancellationToken) is not { } found)
        {
            return SentryJson.NotFound();
        }

        return SentryJson.Ok(await releases.ListAsync(user, found.Id, cancellationToken));
    }

    // The project in the path, as a scope of one; 404 (Sentry's shape) when the token may not see it.
    private static async Task<IResult> InProjectAsync(
        string project, ClaimsPrincipal user, SentryProjects projects, Func<List<long>, Task<IResult>> action, CancellationToken cancellationToken) =>
        await projects.FindAsync(user, project, cancellationToken) is { } found ? await action([found.Id]) : SentryJson.NotFound();

    private static async Task<IResult> GetAsync(
        string version, ClaimsPrincipal user, SentryReleases releases, List<long>? pathScope, CancellationToken cancellationToken)
    {
        var rows = await releases.RowsAsync(user, version, pathScope, cancellationToken);
        return rows.Count == 0 ? SentryJson.NotFound() : SentryJson.Ok(await releases.ShapeAsync(rows, cancellationToken));
    }

    // Idempotent: 201 when the release is new in one of the projects, 208 when all knew it.
    private static async Task<IResult> CreateAsync(
        string? pathProject, HttpRequest request, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases,
        ReleaseCreation creation, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await SentryJson.ReadObjectAsync(request, cancellationToken) is not { } body)
        {
            return SentryJson.BadRequest("The body must be a JSON object.");
        }

        if (ReleaseName.Sanitize(body.Text("version")) is not { } version)
        {
            return SentryJson.FieldError("version", "This field is required.");
        }

        var slugs = body.Texts("projects") ?? [];
        if (pathProject is not null)
        {
            slugs.Add(pathProject);
        }

        List<long> projectIds;
        if (slugs.Count > 0)
        {
            if (await projects.FindAllAsync(user, slugs, cancellationToken) is not { } found)
            {
                return pathProject is not null
                    ? SentryJson.NotFound()
                    : SentryJson.FieldError("projects", "Invalid project slugs");
            }

            projectIds = [.. found.Select(p => p.Id)];
        }
        else
        {
            // archive / restore send no projects: they act on the release where it exists.
            projectIds = [.. (await releases.RowsAsync(user, version, null, cancellationToken)).Select(r => r.Project.Id)];
            if (projectIds.Count == 0)
            {
                return SentryJson.FieldError("projects", "This field is required.");
            }
        }

        var isAnyNew = false;
        foreach (var projectId in projectIds)
        {
            creation.Create(projectId, version, out var isNew);
            isAnyNew |= isNew;
        }

        await ApplyDateReleasedAsync(db, body, version, projectIds, cancellationToken);
        var rows = await releases.RowsAsync(user, version, projectIds, cancellationToken);
        return SentryJson.Ok(await releases.ShapeAsync(rows, cancellationToken), isAnyNew ? StatusCodes.Status201Created : StatusCodes.Status208AlreadyReported);
    }

    // finalize (dateReleased), set-commits (commits, refs: accepted and not kept); never creates.
    private static async Task<IResult> UpdateAsync(
        string version, HttpRequest request, ClaimsPrincipal user, SentryReleases releases, AppDbContext db,
        List<long>? pathScope, CancellationToken cancellationToken)
    {
        if (await SentryJson.ReadObjectAsync(request, cancellationToken) is not { } body)
        {
            return SentryJson.BadRequest("The body must be a JSON object.");
        }

        var (unknownProject, only) = await releases.NamedProjectsAsync(user, body, cancellationToken);
        if (unknownProject)
        {
            return SentryJson.NotFound();
        }

        // A project in the path wins over the body's list (sentry-cli 2.x sends both, naming the same one).
        only = pathScope ?? only;
        var rows = await releases.RowsAsync(user, version, only, cancellationToken);
        if (rows.Count == 0)
        {
            return SentryJson.NotFound();
        }

        await ApplyDateReleasedAsync(db, body, version, [.. rows.Select(r => r.Project.Id)], cancellationToken);
        rows = await releases.RowsAsync(user, version, only, cancellationToken);
        return SentryJson.Ok(await releases.ShapeAsync(rows, cancellationToken));
    }

    // The release rows go (their deploys with them) and so do the bundles uploaded for the release.
    private static async Task<IResult> DeleteAsync(
        string version, ClaimsPrincipal user, SentryReleases releases, AppDbContext db, BundleStore bundles, List<long>? pathScope,
        CancellationToken cancellationToken)
    {
        var rows = await releases.RowsAsync(user, version, pathScope, cancellationToken);
        if (rows.Count == 0)
        {
            return SentryJson.NotFound();
        }

        foreach (var (release, project) in rows)
        {
            var bundleIds = await db.Set<ArtifactBundle>().Where(b => b.ProjectId == project.Id && b.Release == version).Select(b => b.Id).ToListAsync(cancellationToken);
            await bundles.RemoveAsync(project.Id, bundleIds, cancellationToken);
            await db.Releases.Where(r => r.Id == release.Id).ExecuteDeleteAsync(cancellationToken);
        }

        return Results.NoContent();
    }

    private static async Task ApplyDateReleasedAsync(AppDbContext db, JsonObject body, string version, List<long> projectIds, CancellationToken cancellationToken)
    {
        if (body.Date("dateReleased") is { } released)
        {
            await db.Releases.Where(r => r.Version == version && projectIds.Contains(r.ProjectId))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DateReleased, released), cancellationToken);
        }
    }
}
