using Bugsink.Sentry.Auth;
using Bugsink.Sentry.Compression;
using Bugsink.Sentry.Envelopes;
using Bugsink.Sentry.Events;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// /envelope/: frame the body while it is decoded, settle authentication from the envelope header (its own
// "dsn" counts when the request carried none) before anything else is decoded, keep the event and what
// belongs to it, count and drop the rest. Item types we do not keep still get a 200: SDKs drop a whole
// envelope on any error (PROTOCOL.md §5.6).
public sealed class EnvelopeIngest(
    ProjectKeyAuthenticator authenticator,
    EventAcceptor acceptor,
    DroppedItemCounter dropped,
    IngestQuota quota,
    IngestSpool spool,
    IOptions<IngestOptions> options)
{
    private static readonly HashSet<string> KeptWithEvent = new(StringComparer.Ordinal) { "attachment", "user_report", "feedback" };

    // Memory stays bounded by one item whatever the body decodes to: a refused key stops decoding after the
    // header line, and the framer holds no item beyond its own limit.
    public async Task<IngestOutcome> IngestAsync(IngestRequest request, DecodingStream body)
    {
        var limits = options.Value;
        using var reader = new EnvelopeStreamReader(body, new EnvelopeLimits
        {
            MaxHeaderBytes = limits.MaxHeaderBytes,
            MaxEventBytes = limits.MaxEventBytes,
            MaxAttachmentBytes = limits.MaxAttachmentBytes,
        }, spool.Spooling);
        var cancellation = request.Context.RequestAborted;
        var headerProblem = await reader.ReadHeaderAsync(cancellation);
        if (body.Failure is { } headerFailure)
        {
            return DecodeOutcomes.From(headerFailure);
        }

        if (headerProblem is not null)
        {
            return IngestOutcome.Error(headerProblem.StatusCode, headerProblem.Detail ?? "invalid event envelope", headerProblem.Causes);
        }

        if (Authenticate(request, reader.Header!.Dsn) is { } refusal)
        {
            return refusal;
        }

        var parsed = await reader.ReadItemsAsync(cancellation);
        if (body.Failure is { } itemsFailure)
        {
            parsed.Envelope?.Dispose();
            return DecodeOutcomes.From(itemsFailure);
        }

        if (parsed.Envelope is not { } envelope)
        {
            return IngestOutcome.Error(parsed.StatusCode, parsed.Detail ?? "invalid event envelope", parsed.Causes);
        }

        // Spool files go once the inbox holds their bytes (or the request failed).
        using (envelope)
        {
            return await IngestAsync(request, envelope);
        }
    }

    private async Task<IngestOutcome> IngestAsync(IngestRequest request, Envelope envelope)
    {
        string? eventId = envelope.Header.EventId;
        InboxEvent? inboxEvent = null;
        IReadOnlyList<RateLimit>? overQuota = null;
        var droppedCount = 0;
        var kept = new List<EnvelopeItem>();
        foreach (var item in envelope.Items)
        {
            if (item.Type == "event")
            {
                var scan = acceptor.Scan(item.Payload.Span);
                if (scan.Shape == PayloadShape.TooDeep)
                {
                    return EventAcceptor.TooDeep(scan);
                }

                if (quota.TryAccept(request.ProjectId) is { } quotaLimits)
                {
                    overQuota = quotaLimits;
                    continue;
                }

                // The envelope header's event_id wins over the payload's (PROTOCOL.md §5.2).
                eventId ??= scan.EventId ?? EventAcceptor.NewEventId();
                inboxEvent = acceptor.BuildEvent(request, eventId, item.Payload.Span);
            }
            else if (KeptWithEvent.Contains(item.Type))
            {
                kept.Add(item);
            }
            else
            {
                dropped.Add(request.ProjectId, item.Type);
                droppedCount++;
            }
        }

        if (overQuota is not null)
        {
            return RefuseOverQuota(request, overQuota, eventId, droppedCount > 0);
        }

        if (OverAttachmentQuota(request, eventId, kept) is { } attachmentLimits)
        {
            // Relay's way: the attachments go, the event (and feedback) stay; 429 only when nothing is left.
            kept.RemoveAll(item => item.Type == "attachment");
            if (inboxEvent is null && kept.Count == 0 && droppedCount == 0)
            {
                RateLimitHeaders.WriteRefusal(request.Context.Response, attachmentLimits, RateLimitHeaders.AttachmentCategory);
                return IngestOutcome.Error(StatusCodes.Status429TooManyRequests, "attachment quota exceeded; retry later");
            }

            RateLimitHeaders.WritePartial(request.Context.Response, attachmentLimits, RateLimitHeaders.AttachmentCategory);
        }

        var attachments = BuildAttachments(request, eventId, kept);
        if (inboxEvent is null && attachments.Count == 0)
        {
            return IngestOutcome.Ok(eventId);
        }

        return await acceptor.CommitAsync(new InboxWrite(inboxEvent, attachments), eventId);
    }

    // The event and what travels with it are refused. Relay answers 429 only when nothing at all is
    // left; when other items were accepted it answers 200 and names the limited categories (PROTOCOL.md §7.4).
    private static IngestOutcome RefuseOverQuota(IngestRequest request, IReadOnlyList<RateLimit> limits, string? eventId, bool othersAccepted)
    {
        if (othersAccepted)
        {
            RateLimitHeaders.WritePartial(request.Context.Response, limits, RateLimitHeaders.EventCategories);
            return IngestOutcome.Ok(eventId);
        }

        RateLimitHeaders.WriteRefusal(request.Context.Response, limits);
        return IngestOutcome.Error(StatusCodes.Status429TooManyRequests, "event quota exceeded; retry later");
    }

    // The envelope's attachments count against the attachment quota by their decoded bytes, all together.
    // Without an event id they are dropped anyway (BuildAttachments), so they cost no quota.
    private IReadOnlyList<RateLimit>? OverAttachmentQuota(IngestRequest request, string? eventId, List<EnvelopeItem> kept)
    {
        if (eventId is null)
        {
            return null;
        }

        long bytes = 0;
        foreach (var item in kept)
        {
            bytes += item.Type == "attachment" ? item.PayloadLength : 0;
        }

        return bytes > 0 ? quota.TryAcceptAttachments(request.ProjectId, bytes) : null;
    }

    private IngestOutcome? Authenticate(IngestRequest request, string? envelopeDsn)
    {
        if (envelopeDsn is null && request.Credentials.PublicKey is not null)
        {
            return null;
        }

        var credentials = CredentialResolver.WithEnvelopeDsn(request.Credentials, envelopeDsn);
        if (credentials.Problem != CredentialProblem.None || credentials.PublicKey is null)
        {
            return IngestOutcome.Error(
                credentials.StatusCode == StatusCodes.Status200OK ? StatusCodes.Status401Unauthorized : credentials.StatusCode,
                credentials.Message ?? "missing authorization information");
        }

        // A key that came from the request was checked before the body was read.
        return request.Credentials.PublicKey is null
            ? authenticator.Check(credentials.PublicKey, request.ProjectId)
            : null;
    }

    private List<InboxAttachment> BuildAttachments(IngestRequest request, string? eventId, List<EnvelopeItem> items)
    {
        var attachments = new List<InboxAttachment>(items.Count);
        foreach (var item in items)
        {
            // Feedback names the event it is about; link it there so the event shows it.
            var linkId = item.Type is "feedback" or "user_report"
                ? FeedbackLink.FindAssociatedEventId(item.Type, item.Payload.Span) ?? eventId
                : eventId;
            if (linkId is null)
            {
                // Nothing to link it to: counted like any other item we cannot keep.
                dropped.Add(request.ProjectId, item.Type);
                continue;
            }

            var filename = item.Filename ?? item.Type + ".json";
            attachments.Add(new InboxAttachment(
                request.ProjectId, linkId, item.Type, filename, item.ContentType, item.AttachmentType, acceptor.Now,
                item.Spooled is null ? item.Payload.ToArray() : [], item.Spooled));
        }

        return attachments;
    }
}
