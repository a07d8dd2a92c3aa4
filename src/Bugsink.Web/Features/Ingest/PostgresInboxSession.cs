using Npgsql;
using NpgsqlTypes;

namespace Bugsink.Web.Features.Ingest;

// The inbox writer's batch on PostgreSQL: the events in one binary COPY (one round trip however many), the
// attachments as inserts (a spooled one streamed from its file as the bytea value, never held in memory),
// the dropped-item counts as upserts, all in one transaction that commits before the requests answer.
internal sealed class PostgresInboxSession(NpgsqlConnection connection) : IInboxSession
{
    private const string CopyEvents =
        "COPY inbox_events (project_id, event_id, received_at, remote_address, payload, payload_size) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlCommand _insertAttachment = new("""
        INSERT INTO inbox_attachments (project_id, event_id, item_type, filename, content_type, attachment_type, received_at, data)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """, connection);

    private readonly NpgsqlCommand _addDropped = new("""
        INSERT INTO dropped_items (project_id, item_type, count) VALUES ($1, $2, $3)
        ON CONFLICT (project_id, item_type) DO UPDATE SET count = dropped_items.count + excluded.count
        """, connection);

    public void Commit(IReadOnlyList<InboxWrite> batch, IReadOnlyCollection<KeyValuePair<(long ProjectId, string ItemType), int>> dropped)
    {
        // A connection the server dropped (a restart, a failover) is opened again rather than failing every later batch.
        if (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State == System.Data.ConnectionState.Closed)
        {
            connection.Close();
            connection.Open();
        }

        using var transaction = connection.BeginTransaction();
        if (batch.Any(write => write.Event is not null))
        {
            using var copy = connection.BeginBinaryImport(CopyEvents);
            foreach (var write in batch)
            {
                if (write.Event is not { } e)
                {
                    continue;
                }

                copy.StartRow();
                copy.Write(e.ProjectId, NpgsqlDbType.Bigint);
                copy.Write(e.EventId, NpgsqlDbType.Text);
                copy.Write(e.ReceivedAt.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
                if (e.RemoteAddress is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(e.RemoteAddress, NpgsqlDbType.Text);
                }

                copy.Write(e.CompressedPayload, NpgsqlDbType.Bytea);
                copy.Write(e.PayloadSize, NpgsqlDbType.Integer);
            }

            copy.Complete();
        }

        foreach (var attachment in batch.SelectMany(write => write.Attachments))
        {
            InsertAttachment(attachment);
        }

        foreach (var ((projectId, itemType), count) in dropped)
        {
            _addDropped.Parameters.Clear();
            _addDropped.Parameters.Add(new NpgsqlParameter { Value = projectId, NpgsqlDbType = NpgsqlDbType.Bigint });
            _addDropped.Parameters.Add(new NpgsqlParameter { Value = itemType, NpgsqlDbType = NpgsqlDbType.Text });
            _addDropped.Parameters.Add(new NpgsqlParameter { Value = (long)count, NpgsqlDbType = NpgsqlDbType.Bigint });
            _addDropped.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void InsertAttachment(InboxAttachment a)
    {
        using var spooled = a.Spooled?.OpenRead();
        _insertAttachment.Parameters.Clear();
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = a.ProjectId, NpgsqlDbType = NpgsqlDbType.Bigint });
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = a.EventId, NpgsqlDbType = NpgsqlDbType.Text });
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = a.ItemType, NpgsqlDbType = NpgsqlDbType.Text });
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = a.Filename, NpgsqlDbType = NpgsqlDbType.Text });
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = (object?)a.ContentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = (object?)a.AttachmentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        _insertAttachment.Parameters.Add(new NpgsqlParameter { Value = a.ReceivedAt.ToUnixTimeMilliseconds(), NpgsqlDbType = NpgsqlDbType.Bigint });
        // Npgsql sends a Stream's bytes as they are read; Size says how many without buffering them.
        _insertAttachment.Parameters.Add(spooled is null
            ? new NpgsqlParameter { Value = a.Data, NpgsqlDbType = NpgsqlDbType.Bytea }
            : new NpgsqlParameter { Value = spooled, NpgsqlDbType = NpgsqlDbType.Bytea, Size = checked((int)a.Size) });
        _insertAttachment.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insertAttachment.Dispose();
        _addDropped.Dispose();
        connection.Dispose();
    }
}
