using System.Security.Claims;
using System.Text.Json;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Api;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.AlertChannels;

// /api/canonical/0/projects/{id}/alert-channels/ and the project's volume rule. A project the token's
// user cannot see is a 404, as everywhere in the API; one they see but may not manage (not a team admin)
// is a 403.
public static class AlertChannelEndpoints
{
    public static RouteGroupBuilder MapAlertChannelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("projects/{id:long}/alert-channels/", ListAsync).WithSummary("The project's chat and webhook alert channels (URLs masked).");
        api.MapPost("projects/{id:long}/alert-channels/", CreateAsync)
            .WithSummary("Add a channel: {\"name\", \"kind\", \"url\", \"secret\"?, \"alerts\": [\"new\", \"regression\", \"unmute\", \"volume\"], \"enabled\"?}.");
        api.MapPatch("projects/{id:long}/alert-channels/{cid:long}/", ChangeAsync)
            .WithSummary("Change a channel: {\"alerts\": [...]?, \"enabled\": true|false?}; fields left out stay as they are.");
        api.MapDelete("projects/{id:long}/alert-channels/{cid:long}/", DeleteAsync).WithSummary("Remove a channel.");
        api.MapPost("projects/{id:long}/alert-channels/{cid:long}/test/", TestAsync)
            .WithSummary("Send a test message now: 200 when the service answered 2xx, else 502 with its status and error.");
        api.MapPatch("projects/{id:long}/", PatchProjectAsync)
            .WithSummary("Set the volume rule: {\"volume_alert\": {\"events\": N, \"minutes\": M}}, or {\"volume_alert\": null} to switch it off.");
        return api;
    }

    private static async Task<IResult> ListAsync(long id, ClaimsPrincipal user, ProjectAccess access, ChannelEditor editor, CancellationToken cancellationToken)
    {
        if (await DenyAsync(id, user, access, cancellationToken) is { } denied)
        {
            return denied;
        }

        var channels = await editor.ListAsync(id, cancellationToken);
        return TypedResults.Ok(new ApiList<ApiAlertChannel>([.. channels.Select(c => ApiAlertChannel.From(c))], null));
    }

    private static async Task<IResult> CreateAsync(
        long id, [FromBody] ChannelInput input, ClaimsPrincipal user, ProjectAccess access, ChannelEditor editor, CancellationToken cancellationToken)
    {
        if (await DenyAsync(id, user, access, cancellationToken) is { } denied)
        {
            return denied;
        }

        var created = await editor.CreateAsync(id, input, cancellationToken);
        return created.Channel is { } channel
            ? TypedResults.Created($"{ApiModule.Prefix}/projects/{id}/alert-channels/{channel.Id}/", ApiAlertChannel.From(channel, created.Secret))
            : ApiResults.BadRequest(created.Error!);
    }

    private static async Task<IResult> ChangeAsync(
        long id, long cid, [FromBody] ChannelChange change, ClaimsPrincipal user, ProjectAccess access, ChannelEditor editor, CancellationToken cancellationToken)
    {
        if (await DenyAsync(id, user, access, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (await editor.FindAsync(id, cid, cancellationToken) is not { } channel)
        {
            return ApiResults.NotFound("alert channel");
        }

        return await editor.ChangeAsync(channel, change, cancellationToken) is { } error
            ? ApiResults.BadRequest(error)
            : TypedResults.Ok(ApiAlertChannel.From(channel));
    }

    private static async Task<IResult> DeleteAsync(long id, long cid, ClaimsPrincipal user, ProjectAccess access, ChannelEditor editor, CancellationToken cancellationToken)
    {
        if (await DenyAsync(id, user, access, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (await editor.FindAsync(id, cid, cancellationToken) is not { } channel)
        {
            return ApiResults.NotFound("alert channel");
        }

        await editor.DeleteAsync(channel, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> TestAsync(
        long id, long cid, ClaimsPrincipal user, ProjectAccess access, ChannelEditor editor, ChannelTester tester, CancellationToken cancellationToken)
    {
        if (await DenyAsync(id, user, access, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (await editor.FindAsync(id, cid, cancellationToken) is not { } channel)
        {
            return ApiResults.NotFound("alert channel");
        }

        var result = await tester.SendAsync(channel, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new ApiTestResult("The service accepted the test message.", result.Status))
            : TypedResults.Json(new ApiTestResult(result.Error ?? "Not delivered.", result.Status), statusCode: StatusCodes.Status502BadGateway);
    }

    // Only volume_alert for now; other fields of the project are not changed here.
    private static async Task<IResult> PatchProjectAsync(
        long id, [FromBody] JsonElement body, ClaimsPrincipal user, ProjectAccess access, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await DenyAsync(id, user, access, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("volume_alert", out var rule))
        {
            return ApiResults.BadRequest("Send {\"volume_alert\": {\"events\": N, \"minutes\": M}} or {\"volume_alert\": null}.");
        }

        var rules = db.Set<VolumeAlertRule>();
        var existing = await rules.FirstOrDefaultAsync(r => r.ProjectId == id, cancellationToken);
        if (rule.ValueKind == JsonValueKind.Null)
        {
            if (existing is not null)
            {
                rules.Remove(existing);
            }
        }
        else
        {
            if (rule.ValueKind != JsonValueKind.Object
                || !rule.TryGetProperty("events", out var e) || !e.TryGetInt32(out var events)
                || !rule.TryGetProperty("minutes", out var m) || !m.TryGetInt32(out var minutes))
            {
                return ApiResults.BadRequest("volume_alert needs whole numbers \"events\" and \"minutes\".");
            }

            if (VolumeAlertRule.Validate(events, minutes) is { } error)
            {
                return ApiResults.BadRequest(error);
            }

            existing ??= rules.Add(new VolumeAlertRule { ProjectId = id }).Entity;
            existing.Events = events;
            existing.Minutes = minutes;
        }

        await db.SaveChangesAsync(cancellationToken);
        var now = rule.ValueKind == JsonValueKind.Null ? null : new ApiVolumeAlert(existing!.Events, existing.Minutes);
        return TypedResults.Ok(new { id, volume_alert = now });
    }

    private static async Task<IResult?> DenyAsync(long projectId, ClaimsPrincipal user, ProjectAccess access, CancellationToken cancellationToken)
    {
        if (!await access.Projects(user).AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ApiResults.NotFound("project");
        }

        return await access.CanManageProjectAsync(user, projectId, cancellationToken)
            ? null
            : TypedResults.Json(new ApiError("Only the team's admins manage its alert channels."), statusCode: StatusCodes.Status403Forbidden);
    }
}
