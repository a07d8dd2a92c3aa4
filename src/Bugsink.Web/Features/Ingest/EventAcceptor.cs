using Bugsink.Sentry.Events;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// The part of ingest that /envelope/ and /store/ share: check an event payload's shape, compress it,
// hand it to the single writer and wait for the commit that makes the 200 true.
public sealed partial class EventAcceptor(InboxWriter writer, ProjectDictionaries dictionaries, TimeProvider time, IOptions<IngestOptions> options, ILogger<EventAcceptor> logger)
{
    public DateTimeOffset Now => time.GetUtcNow();

    // Invalid JSON is accepted and kept raw (Relay answers 200 too and decides later); nesting beyond
    // the limit is refused now because it is a deliberate attack, not an SDK quirk.
    public PayloadScan Scan(ReadOnlySpan<byte> payload) => EventPayloadScanner.Scan(payload, options.Value.MaxJsonDepth);

    public static IngestOutcome TooDeep(PayloadScan scan) =>
        IngestOutcome.Error(StatusCodes.Status400BadRequest, "event JSON is nested too deeply", scan.Error is null ? null : [scan.Error]);

    public static string NewEventId() => Guid.NewGuid().ToString("N");

    public InboxEvent BuildEvent(IngestRequest request, string eventId, ReadOnlySpan<byte> payload) =>
        new(request.ProjectId, eventId, Now, request.RemoteAddress, PayloadCompression.Compress(payload, dictionaries.For(request.ProjectId)), payload.Length);

    public async Task<IngestOutcome> CommitAsync(InboxWrite write, string? answerId)
    {
        try
        {
            await writer.WriteAsync(write);
            return IngestOutcome.Ok(answerId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not acknowledged, so nothing is lost: the SDK is told plainly that we could not store it.
            // A full disk is an operator's matter the writer reports once, not a fault of this request.
            if (SqliteConnectionFactory.IsFull(exception))
            {
                return IngestOutcome.Error(StatusCodes.Status503ServiceUnavailable, "the server is out of storage space; the event was not accepted, retry later");
            }

            LogNotStored(exception);
            return IngestOutcome.Error(StatusCodes.Status503ServiceUnavailable, "failed to store the event; it was not accepted", [exception.Message]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event could not be written to the inbox")]
    private partial void LogNotStored(Exception exception);
}
