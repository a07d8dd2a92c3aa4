using Bugsink.Web.Infrastructure.Database.Statements;
using Npgsql;
using NpgsqlTypes;

namespace Bugsink.Web.Features.Digest;

public sealed class PostgresDigestInboxes : IDigestInboxes
{
    public IDigestInbox Open(StatementConnection main) => new PostgresDigestInbox((PostgresStatementConnection)main);
}

// The inbox tables live in the database the batch writes, so the batch's own transaction deletes exactly the rows it
// read, by id: identity values commit out of order once several nodes insert (id 2 can be visible before id 1), so
// a watermark would skip events. A crash at any moment leaves each event either in the inbox or digested.
internal sealed class PostgresDigestInbox(PostgresStatementConnection main) : IDigestInbox
{
    private readonly NpgsqlConnection _connection = main.Connection;

    public InboxBatch Read(int maxEvents, int maxAttachments, long maxPayloadBytes)
    {
        var events = new List<InboxEventRow>();
        long payloadBytes = 0;
        using (var command = new NpgsqlCommand("""
            SELECT id, project_id, event_id, received_at, remote_address, payload, payload_size
            FROM inbox_events ORDER BY id LIMIT $1
            """, _connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = maxEvents, NpgsqlDbType = NpgsqlDbType.Integer });
            using var reader = command.ExecuteReader();
            while (payloadBytes < maxPayloadBytes && reader.Read())
            {
                payloadBytes += reader.GetInt32(6);
                events.Add(new InboxEventRow(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<byte[]>(5), reader.GetInt32(6)));
            }
        }

        // Only the sizes: the bytes go from table to table inside the server (StoreAttachment).
        var attachments = new List<InboxAttachmentRow>();
        using (var command = new NpgsqlCommand("""
            SELECT id, project_id, event_id, item_type, filename, content_type, attachment_type, received_at, octet_length(data)
            FROM inbox_attachments ORDER BY id LIMIT $1
            """, _connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = maxAttachments, NpgsqlDbType = NpgsqlDbType.Integer });
            using var reader = command.ExecuteReader();
            InboxAttachmentRows.ReadInto(reader, attachments, payloadBytes, maxPayloadBytes);
        }

        return new InboxBatch(events, attachments);
    }

    // INSERT … SELECT: a 100 MiB attachment never passes through this process.
    public long StoreAttachment(InboxAttachmentRow attachment)
    {
        using var command = new NpgsqlCommand("""
            INSERT INTO "EventAttachments" ("ProjectId", "EventId", "ItemType", "Filename", "ContentType", "AttachmentType", "Size", "Data", "ReceivedAt")
            SELECT project_id, event_id, item_type, filename, content_type, attachment_type, octet_length(data), data, received_at
            FROM inbox_attachments WHERE id = $1
            RETURNING "Id"
            """, _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Id, NpgsqlDbType = NpgsqlDbType.Bigint });
        return command.ExecuteScalar() is long id
            ? id
            : throw new InvalidOperationException($"Inbox attachment {attachment.Id} is gone: another node digested it.");
    }

    // Deletes exactly the rows read. Fewer deleted than read means another digester took some of them (only possible
    // if the leader lock was lost): the batch then rolls back whole instead of storing those events twice.
    public void Settle(InboxBatch batch)
    {
        Delete("inbox_events", [.. batch.Events.Select(e => e.Id)]);
        Delete("inbox_attachments", [.. batch.Attachments.Select(a => a.Id)]);
    }

    public void Digested(InboxBatch batch)
    {
    }

    public void Dispose()
    {
    }

    private void Delete(string table, long[] ids)
    {
        if (ids.Length == 0)
        {
            return;
        }

        using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE id = ANY($1)", _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var deleted = command.ExecuteNonQuery();
        if (deleted != ids.Length)
        {
            throw new InvalidOperationException($"Read {ids.Length} rows of {table} but only {deleted} were still there: another node digested the rest.");
        }
    }
}
