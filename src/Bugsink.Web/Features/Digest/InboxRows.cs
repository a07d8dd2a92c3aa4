namespace Bugsink.Web.Features.Digest;

public sealed record InboxEventRow(long Id, long ProjectId, string EventId, DateTimeOffset ReceivedAt, string? RemoteAddress, byte[] Payload, int PayloadSize);

public sealed record InboxAttachmentRow(
    long Id, long ProjectId, string EventId, string ItemType, string Filename, string? ContentType, string? AttachmentType, DateTimeOffset ReceivedAt, long Size);

public sealed record InboxBatch(IReadOnlyList<InboxEventRow> Events, IReadOnlyList<InboxAttachmentRow> Attachments)
{
    public bool IsEmpty => Events.Count == 0 && Attachments.Count == 0;

    public long LastEventId(long previous) => Events.Count == 0 ? previous : Math.Max(previous, Events[^1].Id);

    public long LastAttachmentId(long previous) => Attachments.Count == 0 ? previous : Math.Max(previous, Attachments[^1].Id);
}
