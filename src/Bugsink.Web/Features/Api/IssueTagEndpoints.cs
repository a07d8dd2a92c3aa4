using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Api;

public static class IssueTagEndpoints
{
    public static RouteGroupBuilder MapIssueTagEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("issues/{id:long}/tags/", ListAsync)
            .WithSummary("The issue's tags: per key, the event count and the most frequent values with their counts. One page: next is always null.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ApiTag>>, NotFound<ApiError>>> ListAsync(
        long id, ClaimsPrincipal user, ProjectAccess access, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await access.Issues(user).AnyAsync(i => i.Id == id, cancellationToken))
        {
            return ApiResults.NotFound("issue");
        }

        // The digest keeps these counts per (issue, key, value), so no event payload is opened here.
        var rows = await db.IssueTags.AsNoTracking().Where(t => t.IssueId == id)
            .Select(t => new { t.Key, t.Value, t.Count, t.FirstSeen, t.LastSeen }).ToListAsync(cancellationToken);
        var tags = rows.GroupBy(t => t.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ApiTag(
            g.Key,
            g.Sum(t => t.Count),
            g.Count(),
            [.. g.OrderByDescending(t => t.Count).ThenBy(t => t.Value, StringComparer.Ordinal).Take(ApiTag.MaxValues)
                .Select(t => new ApiTagValue(t.Value, t.Count, t.FirstSeen, t.LastSeen))])).ToList();
        return TypedResults.Ok(new ApiList<ApiTag>(tags, null));
    }
}
