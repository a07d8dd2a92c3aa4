using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Ingest;

internal sealed class InboxStatements(SqliteConnection connection) : IDisposable
{
    private readonly PreparedCommand _insertEvent = new(connection, """
        INSERT INTO inbox_events (project_id, event_id, received_at, remote_address, payload, payload_size)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
        """, 6);

    private readonly PreparedCommand _insertAttachment = new(connection, """
        INSERT INTO inbox_attachments (project_id, event_id, item_type, filename, content_type, attachment_type, received_at, data)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)
        """, 8);

    // Large attachments: room first, then the bytes in chunks through SQLite's incremental blob I/O.
    private readonly PreparedCommand _insertAttachmentRoom = new(connection, """
        INSERT INTO inbox_attachments (project_id, event_id, item_type, filename, content_type, attachment_type, received_at, data)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, zeroblob($p7)) RETURNING id
        """, 8);

    private readonly PreparedCommand _addDropped = new(connection, """
        INSERT INTO dropped_items (project_id, item_type, count) VALUES ($p0, $p1, $p2)
        ON CONFLICT (project_id, item_type) DO UPDATE SET count = count + excluded.count
        """, 3);

    public void InsertEvent(InboxEvent e) => _insertEvent.Run(
        e.ProjectId, e.EventId, e.ReceivedAt.ToUnixTimeMilliseconds(), e.RemoteAddress, e.CompressedPayload, e.PayloadSize);

    public void InsertAttachment(InboxAttachment a)
    {
        if (a.Spooled is not { } spooled)
        {
            _insertAttachment.Run(a.ProjectId, a.EventId, a.ItemType, a.Filename, a.ContentType, a.AttachmentType, a.ReceivedAt.ToUnixTimeMilliseconds(), a.Data);
            return;
        }

        var id = (long)_insertAttachmentRoom.Scalar(
            a.ProjectId, a.EventId, a.ItemType, a.Filename, a.ContentType, a.AttachmentType, a.ReceivedAt.ToUnixTimeMilliseconds(), spooled.Length)!;
        using var blob = new SqliteBlob(connection, "inbox_attachments", "data", id);
        spooled.OpenRead().CopyTo(blob, BlobChunk.Size);
    }

    public void AddDropped(long projectId, string itemType, int count) => _addDropped.Run(projectId, itemType, count);

    public void Dispose()
    {
        _insertEvent.Dispose();
        _insertAttachment.Dispose();
        _insertAttachmentRoom.Dispose();
        _addDropped.Dispose();
    }
}
