using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Api;

public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("projects/", ListAsync).WithSummary("Projects the token may see, by id.");
        api.MapGet("projects/{id:long}/", GetAsync).WithSummary("One project, with its DSN.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ApiProject>>, BadRequest<ApiError>>> ListAsync(
        HttpRequest request, ClaimsPrincipal user, ProjectAccess access, IOptions<SiteOptions> site, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryParse(cursor, out var after))
        {
            return ApiResults.BadRequest("Malformed cursor.");
        }

        var take = ApiCursor.Limit(limit);
        var afterId = after?.Id ?? 0;
        var rows = await access.Projects(user).AsNoTracking().Where(p => p.Id > afterId).OrderBy(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(ApiCursor.Page(request, rows, take, p => new ApiCursor(p.Id, p.Id), p => ApiProject.From(p, site.Value.BaseUrl)));
    }

    private static async Task<Results<Ok<ApiProject>, NotFound<ApiError>>> GetAsync(
        long id, ClaimsPrincipal user, ProjectAccess access, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        var project = await access.Projects(user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return project is null ? ApiResults.NotFound("project") : TypedResults.Ok(ApiProject.From(project, site.Value.BaseUrl));
    }
}
