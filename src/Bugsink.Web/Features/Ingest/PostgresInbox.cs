using System.Data.Common;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Infrastructure.Database.Engines;
using Npgsql;

namespace Bugsink.Web.Features.Ingest;

// The inbox as tables of the PostgreSQL database, which every node writes and the digesting node drains: no file
// in the data folder, so a node needs no disk of its own to acknowledge. Plain SQL beside EF's model (the model
// stays the same on both engines); created at start under the migration lock.
public sealed class PostgresInbox(DatabaseEngine engine) : IInbox
{
    // Identity ids commit out of order here, so the digest never trusts "id <= N": it deletes the rows it read.
    // Payloads are compressed already and attachments are large: STORAGE EXTERNAL keeps PostgreSQL from trying
    // to compress them again.
    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS inbox_events (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id bigint NOT NULL,
            event_id text NOT NULL,
            received_at bigint NOT NULL,
            remote_address text NULL,
            payload bytea NOT NULL,
            payload_size integer NOT NULL
        );
        ALTER TABLE inbox_events ALTER COLUMN payload SET STORAGE EXTERNAL;
        CREATE TABLE IF NOT EXISTS inbox_attachments (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id bigint NOT NULL,
            event_id text NOT NULL,
            item_type text NOT NULL,
            filename text NOT NULL,
            content_type text NULL,
            attachment_type text NULL,
            received_at bigint NOT NULL,
            data bytea NOT NULL
        );
        ALTER TABLE inbox_attachments ALTER COLUMN data SET STORAGE EXTERNAL;
        CREATE TABLE IF NOT EXISTS dropped_items (
            project_id bigint NOT NULL,
            item_type text NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (project_id, item_type)
        );
        """;

    public void EnsureCreated(DigestProgress? digested)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(CreateTables, connection);
        command.ExecuteNonQuery();
    }

    public long CountBacklog() => (long)Scalar("SELECT count(*) FROM inbox_events")!;

    // Ids commit out of order, so the oldest arrival is asked for, not the lowest id's.
    public long? OldestReceivedAt() => Scalar("SELECT min(received_at) FROM inbox_events") as long?;

    public IInboxSession OpenSession() => new PostgresInboxSession(Open());

    public DbConnection OpenConnection() => Open();

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(engine.ConnectionString);
        connection.Open();
        return connection;
    }

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is var value and not DBNull ? value : null;
    }
}
