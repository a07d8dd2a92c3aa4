using Bugsink.Sentry.Events;
using Bugsink.Sentry.Store;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// The legacy /store/ endpoint (PROTOCOL.md §8): one event JSON body, possibly base64(zlib(json))
// from very old SDKs. Unlike /envelope/, invalid JSON is refused here, as Relay does.
public sealed class StoreIngest(EventAcceptor acceptor, DroppedItemCounter dropped, IngestQuota quota, IOptions<IngestOptions> options)
{
    public async Task<IngestOutcome> IngestAsync(IngestRequest request)
    {
        if (request.Credentials.PublicKey is null)
        {
            return IngestOutcome.Error(StatusCodes.Status401Unauthorized, "missing authorization information");
        }

        if (!StoreBodyDecoder.TryDecode(request.Body, options.Value.MaxEventBytes, out var json, out var problem, out var error))
        {
            return problem == StoreBodyProblem.TooLarge
                ? IngestOutcome.Error(StatusCodes.Status413PayloadTooLarge, "event exceeds " + options.Value.MaxEventBytes + " bytes")
                : IngestOutcome.Error(StatusCodes.Status400BadRequest, "invalid event body", error is null ? null : [error]);
        }

        var scan = acceptor.Scan(json.Span);
        switch (scan.Shape)
        {
            case PayloadShape.TooDeep:
                return EventAcceptor.TooDeep(scan);
            case PayloadShape.NotJson:
                return IngestOutcome.Error(StatusCodes.Status400BadRequest, "invalid JSON data", scan.Error is null ? null : [scan.Error]);
            case PayloadShape.Valid:
                break;
        }

        var eventId = scan.EventId ?? EventAcceptor.NewEventId();
        if (scan.Type == "transaction")
        {
            dropped.Add(request.ProjectId, "transaction");
            return IngestOutcome.Ok(eventId);
        }

        if (quota.TryAccept(request.ProjectId) is { } limits)
        {
            RateLimitHeaders.WriteRefusal(request.Context.Response, limits);
            return IngestOutcome.Error(StatusCodes.Status429TooManyRequests, "event quota exceeded; retry later");
        }

        var write = new InboxWrite(acceptor.BuildEvent(request, eventId, json.Span), []);
        return await acceptor.CommitAsync(write, eventId);
    }
}
