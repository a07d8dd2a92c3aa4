using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Api;

public static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("events/{id:long}/attachments/", ListAsync)
            .WithSummary("Attachments and user feedback sent with the event, oldest first. One page: next is always null.");
        api.MapGet("events/{id:long}/attachments/{attachmentId:long}/download/", DownloadAsync)
            .WithSummary("The attachment's bytes exactly as the SDK sent them, as application/octet-stream.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ApiAttachment>>, NotFound<ApiError>>> ListAsync(
        long id, HttpRequest request, ClaimsPrincipal user, ProjectAccess access, CancellationToken cancellationToken)
    {
        var stored = await FindEventAsync(access, user, id, cancellationToken);
        if (stored is null)
        {
            return ApiResults.NotFound("event");
        }

        var rows = await access.Attachments(user).AsNoTracking()
            .Where(a => a.ProjectId == stored.ProjectId && a.EventId == stored.EventId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.ItemType, a.Filename, a.ContentType, a.AttachmentType, Size = (int)a.Size, a.ReceivedAt })
            .ToListAsync(cancellationToken);
        var attachments = rows.Select(a => new ApiAttachment(
            a.Id, id, a.ItemType, a.Filename, a.ContentType, a.AttachmentType, a.Size, a.ReceivedAt,
            PublicUrl.For(request, string.Create(CultureInfo.InvariantCulture, $"{ApiModule.Prefix}/events/{id}/attachments/{a.Id}/download/")))).ToList();
        return TypedResults.Ok(new ApiList<ApiAttachment>(attachments, null));
    }

    // Stranger-sent bytes: always octet-stream with Content-Disposition: attachment, never rendered.
    private static async Task<Results<FileStreamHttpResult, NotFound<ApiError>>> DownloadAsync(
        long id, long attachmentId, ClaimsPrincipal user, ProjectAccess access, IAttachmentBytes bytes, CancellationToken cancellationToken)
    {
        var stored = await FindEventAsync(access, user, id, cancellationToken);
        if (stored is null)
        {
            return ApiResults.NotFound("event");
        }

        var attachment = await access.Attachments(user).AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ProjectId == stored.ProjectId && a.EventId == stored.EventId)
            .Select(a => new { a.Id, a.Filename }).FirstOrDefaultAsync(cancellationToken);
        return attachment is null
            ? ApiResults.NotFound("attachment")
            : TypedResults.Stream(bytes.Open(attachment.Id), "application/octet-stream", attachment.Filename);
    }

    private static Task<EventKey?> FindEventAsync(ProjectAccess access, ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
        access.Events(user).AsNoTracking().Where(e => e.Id == id)
            .Select(e => new EventKey(e.ProjectId, e.EventId)).FirstOrDefaultAsync(cancellationToken);

    // Attachments are linked by the SDK's event id within the project, not by the event's row id.
    private sealed record EventKey(long ProjectId, string EventId);
}
