using System.Data.Common;
using System.Globalization;

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

// The attachment rows of a batch from either engine's inbox query (id, project_id, event_id, item_type, filename,
// content_type, attachment_type, received_at, size): they count against the batch's byte bound, and the first
// one always goes, so attachments never starve. payloadBytes: what the batch's events hold already.
public static class InboxAttachmentRows
{
    public static void ReadInto(DbDataReader reader, List<InboxAttachmentRow> attachments, long payloadBytes, long maxPayloadBytes)
    {
        while (reader.Read())
        {
            var size = Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture);
            if (attachments.Count > 0 && payloadBytes + size > maxPayloadBytes)
            {
                break;
            }

            payloadBytes += size;
            attachments.Add(new InboxAttachmentRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), size));
        }
    }
}
