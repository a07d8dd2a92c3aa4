using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.SourceMaps.Symbolication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Api;

public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("events/", ListAsync).WithSummary("Events, newest first; filter with issue=ID or project=ID.");
        api.MapGet("events/{id:long}/", GetAsync).WithSummary("One event with its full data.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ApiEvent>>, BadRequest<ApiError>, NotFound<ApiError>>> ListAsync(
        HttpRequest request, ClaimsPrincipal user, ProjectAccess access, EventSymbolicator symbolicator, long? issue, long? project, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryParse(cursor, out var after))
        {
            return ApiResults.BadRequest("Malformed cursor.");
        }

        var events = access.Events(user).AsNoTracking();
        if (issue is { } issueId)
        {
            if (!await access.Issues(user).AnyAsync(i => i.Id == issueId, cancellationToken))
            {
                return ApiResults.NotFound("issue");
            }

            events = events.Where(e => e.IssueId == issueId);
        }

        if (project is { } projectId)
        {
            if (!await access.Projects(user).AnyAsync(p => p.Id == projectId, cancellationToken))
            {
                return ApiResults.NotFound("project");
            }

            events = events.Where(e => e.ProjectId == projectId);
        }

        if (after is { } position)
        {
            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(position.Key);
            events = events.Where(e => e.Timestamp < timestamp || (e.Timestamp == timestamp && e.Id < position.Id));
        }

        var take = ApiCursor.Limit(limit);
        var rows = await events.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        var resolved = new Dictionary<long, byte[]?>();
        foreach (var row in rows.Take(take))
        {
            resolved[row.Id] = await ApiEvent.SymbolicateAsync(row, symbolicator, cancellationToken);
        }

        return TypedResults.Ok(ApiCursor.Page(request, rows, take, e => new ApiCursor(e.Timestamp.ToUnixTimeMilliseconds(), e.Id),
            e => ApiEvent.From(e, resolved.GetValueOrDefault(e.Id))));
    }

    private static async Task<Results<Ok<ApiEvent>, NotFound<ApiError>>> GetAsync(
        long id, ClaimsPrincipal user, ProjectAccess access, EventSymbolicator symbolicator, CancellationToken cancellationToken)
    {
        var stored = await access.Events(user).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return stored is null
            ? ApiResults.NotFound("event")
            : TypedResults.Ok(ApiEvent.From(stored, await ApiEvent.SymbolicateAsync(stored, symbolicator, cancellationToken)));
    }
}
