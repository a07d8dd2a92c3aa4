using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Api;

public sealed record CreateReleaseRequest(long Project, string? Version);

public static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleaseEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("releases/", ListAsync).WithSummary("Releases, newest first; filter with project=ID.");
        api.MapPost("releases/", CreateAsync).WithSummary("Announce a release: {\"project\": ID, \"version\": \"1.2\"}.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ApiRelease>>, BadRequest<ApiError>, NotFound<ApiError>>> ListAsync(
        HttpRequest request, ClaimsPrincipal user, ProjectAccess access, AppDbContext db, long? project, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryParse(cursor, out var after))
        {
            return ApiResults.BadRequest("Malformed cursor.");
        }

        var projectIds = access.ProjectIds(user);
        var releases = db.Releases.AsNoTracking().Where(r => projectIds.Contains(r.ProjectId));
        if (project is { } projectId)
        {
            if (!await access.Projects(user).AnyAsync(p => p.Id == projectId, cancellationToken))
            {
                return ApiResults.NotFound("project");
            }

            releases = releases.Where(r => r.ProjectId == projectId);
        }

        if (after is { } position)
        {
            releases = releases.Where(r => r.Id < position.Id);
        }

        var take = ApiCursor.Limit(limit);
        var rows = await releases.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(ApiCursor.Page(request, rows, take, r => new ApiCursor(r.Id, r.Id), ApiRelease.From));
    }

    // 201 for a new release, 200 when the project knew it already.
    private static async Task<Results<Created<ApiRelease>, Ok<ApiRelease>, BadRequest<ApiError>, NotFound<ApiError>>> CreateAsync(
        CreateReleaseRequest body, ClaimsPrincipal user, ProjectAccess access, ReleaseCreation creation, CancellationToken cancellationToken)
    {
        if (!await access.Projects(user).AnyAsync(p => p.Id == body.Project, cancellationToken))
        {
            return ApiResults.NotFound("project");
        }

        if (ReleaseName.Sanitize(body.Version) is not { } version)
        {
            return ApiResults.BadRequest("version is required.");
        }

        var release = creation.Create(body.Project, version, out var isNew);
        var answer = ApiRelease.From(release);
        return isNew ? TypedResults.Created($"{ApiModule.Prefix}/releases/?project={body.Project}", answer) : TypedResults.Ok(answer);
    }
}
