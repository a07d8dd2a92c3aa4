using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// The inbox is its own SQLite file so the acknowledgement path never waits for the digest's
// long transactions on the main database. Plain ADO.NET: three tables, no migrations needed.
public sealed class InboxDatabase(IOptions<SiteOptions> site)
{
    public string Path { get; } = site.Value.InboxDatabasePath;

    public SqliteConnection Open() => SqliteConnectionFactory.Open(Path);

    public void EnsureCreated()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // AUTOINCREMENT: ids never repeat, so "everything up to id N" stays a valid watermark after deletes.
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS inbox_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                project_id INTEGER NOT NULL,
                event_id TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                remote_address TEXT NULL,
                payload BLOB NOT NULL,
                payload_size INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS inbox_attachments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                project_id INTEGER NOT NULL,
                event_id TEXT NOT NULL,
                item_type TEXT NOT NULL,
                filename TEXT NOT NULL,
                content_type TEXT NULL,
                attachment_type TEXT NULL,
                received_at INTEGER NOT NULL,
                data BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS dropped_items (
                project_id INTEGER NOT NULL,
                item_type TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (project_id, item_type)
            );
            """;
        command.ExecuteNonQuery();
    }

    // If inbox.db was removed while the main database remembers a digest watermark (DigestProgress), new
    // rows must not reuse ids at or below it, or the digest would take them for already digested.
    public void ContinueNumberingAfter(long lastEventId, long lastAttachmentId)
    {
        using var connection = Open();
        foreach (var (table, watermark) in new[] { ("inbox_events", lastEventId), ("inbox_attachments", lastAttachmentId) })
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE sqlite_sequence SET seq = max(seq, $w) WHERE name = $t;
                INSERT INTO sqlite_sequence (name, seq) SELECT $t, $w WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = $t);
                """;
            command.Parameters.AddWithValue("$t", table);
            command.Parameters.AddWithValue("$w", watermark);
            command.ExecuteNonQuery();
        }
    }

    public long CountBacklog()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM inbox_events";
        return (long)command.ExecuteScalar()!;
    }
}
