using Bugsink.Sentry.Envelopes;

namespace Bugsink.Web.Features.Ingest;

// What one request hands to the inbox writer. Payloads are already compressed (zstd, with the
// project's dictionary once trained) on the request thread, so the single writer only does I/O.
public sealed record InboxEvent(long ProjectId, string EventId, DateTimeOffset ReceivedAt, string? RemoteAddress, byte[] CompressedPayload, int PayloadSize);

// Data holds small attachments; larger ones are Spooled (a file the request deletes after the commit).
public sealed record InboxAttachment(
    long ProjectId, string EventId, string ItemType, string Filename, string? ContentType, string? AttachmentType, DateTimeOffset ReceivedAt,
    byte[] Data, SpooledPayload? Spooled = null)
{
    public long Size => Spooled?.Length ?? Data.Length;
}

public sealed class InboxWrite(InboxEvent? inboxEvent, IReadOnlyList<InboxAttachment> attachments)
{
    public InboxEvent? Event { get; } = inboxEvent;

    public IReadOnlyList<InboxAttachment> Attachments { get; } = attachments;

    // Completed after the transaction holding this write has committed: only then may the request answer 200.
    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
