using Bugsink.Web.Features.Ingest;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Digest;

// The digest's side of the inbox: read the oldest rows after the watermark, delete them once the
// main database holds them. Rows are read in id order and the writer commits in id order, so
// "id <= N" names exactly what was read.
public sealed class InboxReader(InboxDatabase database) : IDisposable
{
    private readonly SqliteConnection _connection = database.Open();

    // maxPayloadBytes bounds the batch by uncompressed size too, events and attachments together: 5,000 events
    // near the 1 MiB limit, or 100 attachments of 99 MiB, would otherwise be gigabytes in one batch. At least one
    // event and one attachment are always read, however large.
    public InboxBatch Read(DigestProgress after, int maxEvents, int maxAttachments, long maxPayloadBytes = long.MaxValue)
    {
        var events = new List<InboxEventRow>();
        long payloadBytes = 0;
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, project_id, event_id, received_at, remote_address, payload, payload_size
                FROM inbox_events WHERE id > $after ORDER BY id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$after", after.LastInboxEventId);
            command.Parameters.AddWithValue("$limit", maxEvents);
            using var reader = command.ExecuteReader();
            while (payloadBytes < maxPayloadBytes && reader.Read())
            {
                payloadBytes += reader.GetInt32(6);
                events.Add(new InboxEventRow(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4), (byte[])reader[5], reader.GetInt32(6)));
            }
        }

        // Attachments count against the same byte bound (their bytes are copied in chunks, never held, but
        // they still fill the batch's transaction); the first one always goes, so attachments never starve.
        var attachments = new List<InboxAttachmentRow>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, project_id, event_id, item_type, filename, content_type, attachment_type, received_at, length(data)
                FROM inbox_attachments WHERE id > $after ORDER BY id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$after", after.LastInboxAttachmentId);
            command.Parameters.AddWithValue("$limit", maxAttachments);
            using var reader = command.ExecuteReader();
            InboxAttachmentRows.ReadInto(reader, attachments, payloadBytes, maxPayloadBytes);
        }

        return new InboxBatch(events, attachments);
    }

    // Chunk by chunk through SQLite's incremental blob I/O: a 100 MiB attachment costs one chunk of memory.
    public void CopyAttachment(long inboxId, Stream destination)
    {
        using var blob = new SqliteBlob(_connection, "inbox_attachments", "data", inboxId, readOnly: true);
        blob.CopyTo(destination, BlobChunk.Size);
    }

    public void DeleteUpTo(DigestProgress progress)
    {
        // One transaction: one fsync, and the inbox writer waits for the lock only once.
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM inbox_events WHERE id <= $events;
            DELETE FROM inbox_attachments WHERE id <= $attachments;
            """;
        command.Parameters.AddWithValue("$events", progress.LastInboxEventId);
        command.Parameters.AddWithValue("$attachments", progress.LastInboxAttachmentId);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Dispose() => _connection.Dispose();
}
