using Bugsink.Web.Features.Api;
using Bugsink.Web.Features.Issues.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bugsink.Web.Features.Issues.Merge;

// {"issues": [ids]}: the issues to merge into the one in the path.
public sealed record MergeRequest(long[]? Issues);

// The ids that were merged; their rows move to the survivor in the background.
public sealed record MergeAnswer(IReadOnlyList<long> Merged);

public static class MergeEndpoints
{
    public static RouteGroupBuilder MapIssueMergeEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("issues/{id:long}/merge/", MergeAsync)
            .WithSummary("Merge issues of the same project into this one: {\"issues\": [ids]}; 202 {\"merged\": [ids]}. Their events, tags and counts move in the background; their ids answer 404 afterwards.");
        return api;
    }

    private static async Task<Results<Accepted<MergeAnswer>, NotFound<ApiError>, BadRequest<ApiError>>> MergeAsync(
        [AsParameters] IssueActionCall call, [FromBody] MergeRequest? body, IssueMerger merger)
    {
        try
        {
            var actor = await IssueActionEndpoints.ActorAsync(call);
            var merged = await merger.MergeAsync(call.Access.Issues(call.User), call.Id, body?.Issues ?? [], actor, call.Ct);
            return TypedResults.Accepted((string?)null, new MergeAnswer(merged));
        }
        catch (IssueNotFoundException)
        {
            return ApiResults.NotFound("issue");
        }
        catch (ArgumentException exception)
        {
            return ApiResults.BadRequest(exception.Message);
        }
    }
}
