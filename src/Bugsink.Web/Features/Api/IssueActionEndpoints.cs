using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Api;

public sealed record ResolveInReleaseRequest(string? Release);

// {} (or no body): forever; {"until": ISO 8601}; {"for_seconds": N}; {"volume": N, "window_seconds": S}.
// {"user": "email"} assigns to that member of the project's team; {"user": null} unassigns.
public sealed record AssignRequest(string? User);

public sealed record MuteRequest(DateTimeOffset? Until, int? ForSeconds, int? Volume, int? WindowSeconds);

// What every issue action is handed by minimal APIs: the caller and the services to check and act.
public readonly record struct IssueActionCall(long Id, ClaimsPrincipal User, ProjectAccess Access, IssueActions Actions, AppDbContext Db, CancellationToken Ct);

// State changes go through IssueActions once ProjectAccess has said the issue is visible; each
// answers with the issue as it is afterwards.
public static class IssueActionEndpoints
{
    public static RouteGroupBuilder MapIssueActionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("issues/{id:long}/resolve/", ([AsParameters] IssueActionCall call) =>
            RunAsync(call, actor => call.Actions.ResolveAsync(call.Id, actor, call.Ct))).WithSummary("Resolve the issue.");
        api.MapPost("issues/{id:long}/resolve-next/", ([AsParameters] IssueActionCall call) =>
            RunAsync(call, actor => call.Actions.ResolveInNextReleaseAsync(call.Id, actor, call.Ct))).WithSummary("Resolve it in the next release.");
        api.MapPost("issues/{id:long}/resolve-release/", ([AsParameters] IssueActionCall call, [FromBody] ResolveInReleaseRequest body) =>
            RunAsync(call, actor => call.Actions.ResolveInReleaseAsync(call.Id, body.Release ?? "", actor, call.Ct)))
            .WithSummary("Resolve it in a release the project knows: {\"release\": \"1.2\"}.");
        api.MapPost("issues/{id:long}/reopen/", ([AsParameters] IssueActionCall call) =>
            RunAsync(call, actor => call.Actions.ReopenAsync(call.Id, actor, call.Ct))).WithSummary("Reopen a resolved issue.");
        api.MapPost("issues/{id:long}/mute/", MuteAsync)
            .WithSummary("Mute it: {} forever, {\"until\": ISO 8601}, {\"for_seconds\": N} or {\"volume\": N, \"window_seconds\": S}.");
        api.MapPost("issues/{id:long}/unmute/", ([AsParameters] IssueActionCall call) =>
            RunAsync(call, actor => call.Actions.UnmuteAsync(call.Id, actor, call.Ct))).WithSummary("Unmute the issue.");
        api.MapPost("issues/{id:long}/assign/", AssignAsync)
            .WithSummary("Assign it to a member of the project's team: {\"user\": \"email\"}, or {\"user\": null} to unassign; anyone else is 400.");
        return api;
    }

    private static Task<Results<Ok<ApiIssue>, NotFound<ApiError>, BadRequest<ApiError>>> AssignAsync(
        [AsParameters] IssueActionCall call, [FromBody] AssignRequest? body) =>
        RunAsync(call, async actor =>
        {
            long? userId = null;
            if (body?.User is { } email)
            {
                userId = await call.Actions.MemberIdByEmailAsync(call.Id, email, call.Ct)
                    ?? throw new ArgumentException("Only a member of the project's team can be assigned.");
            }

            await call.Actions.AssignAsync(call.Id, userId, actor, call.Ct);
        });

    private static Task<Results<Ok<ApiIssue>, NotFound<ApiError>, BadRequest<ApiError>>> MuteAsync(
        [AsParameters] IssueActionCall call, [FromBody] MuteRequest? body, TimeProvider time)
    {
        body ??= new MuteRequest(null, null, null, null);
        if (body.ForSeconds is <= 0)
        {
            return Task.FromResult<Results<Ok<ApiIssue>, NotFound<ApiError>, BadRequest<ApiError>>>(ApiResults.BadRequest("for_seconds must be positive."));
        }

        var until = body.Until ?? (body.ForSeconds is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null);
        var window = body.WindowSeconds is { } windowSeconds ? TimeSpan.FromSeconds(windowSeconds) : (TimeSpan?)null;
        var spec = new MuteSpec(until, body.Volume, window);
        return RunAsync(call, actor => call.Actions.MuteAsync(call.Id, spec, actor, call.Ct));
    }

    private static async Task<Results<Ok<ApiIssue>, NotFound<ApiError>, BadRequest<ApiError>>> RunAsync(IssueActionCall call, Func<Actor, Task> action)
    {
        if (await IssueEndpoints.FindAsync(call.Access, call.User, call.Id, call.Ct) is null)
        {
            return ApiResults.NotFound("issue");
        }

        try
        {
            await action(await ActorAsync(call));
        }
        catch (IssueNotFoundException)
        {
            return ApiResults.NotFound("issue");
        }
        catch (ArgumentException exception)
        {
            return ApiResults.BadRequest(exception.Message);
        }

        return await IssueEndpoints.FindAsync(call.Access, call.User, call.Id, call.Ct) is { } issue ? TypedResults.Ok(issue) : ApiResults.NotFound("issue");
    }

    // The issue history names who did it: the token's user, or the installation token by its name.
    internal static async Task<Actor> ActorAsync(IssueActionCall call)
    {
        if (ProjectAccess.UserIdOf(call.User) is { } userId)
        {
            var email = await call.Db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(call.Ct);
            return new Actor(userId, email ?? "user " + userId.ToString(CultureInfo.InvariantCulture));
        }

        var tokenId = long.Parse(call.User.FindFirstValue(ApiTokenAuthentication.TokenIdClaim) ?? "0", CultureInfo.InvariantCulture);
        var name = await call.Db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.Name).FirstOrDefaultAsync(call.Ct);
        return new Actor(null, "API token " + (name ?? "(deleted)"));
    }
}
