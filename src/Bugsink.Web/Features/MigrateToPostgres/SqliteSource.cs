using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.MigrateToPostgres;

// The SQLite installation being moved: a stopped server's data folder, every event digested, its schema at
// this version's latest migration. Checked before anything is written to PostgreSQL.
public sealed class SqliteSource
{
    private SqliteSource(string dataDir) => DataDir = dataDir;

    public string DataDir { get; }

    public string MainDatabasePath => Path.Combine(DataDir, SiteOptions.MainDatabaseFile);

    public string InboxDatabasePath => Path.Combine(DataDir, SiteOptions.InboxDatabaseFile);

    public static SqliteSource Open(string dataDir)
    {
        var source = new SqliteSource(Path.GetFullPath(dataDir));
        if (!File.Exists(source.MainDatabasePath))
        {
            throw new MigrationRefusedException($"{source.DataDir} holds no {SiteOptions.MainDatabaseFile}: --from must name the data folder of a SQLite installation.");
        }

        foreach (var database in new[] { source.MainDatabasePath, source.InboxDatabasePath })
        {
            if (SqliteInUse.ByAnotherProcess(database))
            {
                throw new MigrationRefusedException($"{database} is open in another process: stop the Bugsink server of {source.DataDir} first (and keep it stopped until the new one runs on PostgreSQL).");
            }
        }

        source.RefuseOtherMigrationLevel();
        source.RefuseUndigestedEvents();
        return source;
    }

    // Unpooled: nothing of ours keeps the file open once the copy is done.
    public SqliteConnection OpenMain()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = MainDatabasePath, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ConnectionString);
        connection.Open();
        return connection;
    }

    // The SQLite model with its own type mappings: how each column is stored in bugsink.db.
    public AppDbContext ModelContext() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={MainDatabasePath};Pooling=False").Options);

    // The tables of bugsink.db, to find any the model does not know.
    public IReadOnlyList<string> TableNames()
    {
        using var connection = OpenMain();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public long Count(string table)
    {
        using var connection = OpenMain();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return (long)command.ExecuteScalar()!;
    }

    // The highest id AUTOINCREMENT ever handed out in a table (deleted rows included), or 0.
    public long HighestIssuedId(string table)
    {
        using var connection = OpenMain();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = $t), 0) WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence')";
        command.Parameters.AddWithValue("$t", table);
        return command.ExecuteScalar() is long seq ? seq : 0;
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void RefuseOtherMigrationLevel()
    {
        using var db = ModelContext();
        var known = db.Database.GetMigrations().Max(StringComparer.Ordinal);
        var applied = db.Database.GetAppliedMigrations().Max(StringComparer.Ordinal);
        if (applied != known)
        {
            throw new MigrationRefusedException(
                $"{SiteOptions.MainDatabaseFile} is at migration {applied ?? "(none)"}, this version of Bugsink expects {known}. " +
                "Start this version once on the SQLite installation (it brings the schema up to date), stop it, and run migrate-to-postgres again.");
        }
    }

    // Events acknowledged but not yet digested live only in inbox.db: the digest of the old server folds them
    // into bugsink.db, with their issues and counters. Copying them raw would skip all that, so we refuse.
    private void RefuseUndigestedEvents()
    {
        if (!File.Exists(InboxDatabasePath))
        {
            return;
        }

        using var main = OpenMain();
        using var watermarks = main.CreateCommand();
        watermarks.CommandText = "SELECT ifnull(max(LastInboxEventId), 0), ifnull(max(LastInboxAttachmentId), 0) FROM DigestProgress WHERE Id = 1";
        using var reader = watermarks.ExecuteReader();
        reader.Read();
        var (events, attachments) = (reader.GetInt64(0), reader.GetInt64(1));
        using var inbox = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = InboxDatabasePath, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ConnectionString);
        inbox.Open();
        using var pending = inbox.CreateCommand();
        pending.CommandText = """
            SELECT (SELECT count(*) FROM inbox_events WHERE id > $events) + (SELECT count(*) FROM inbox_attachments WHERE id > $attachments)
            WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'inbox_events')
              AND EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'inbox_attachments')
            """;
        pending.Parameters.AddWithValue("$events", events);
        pending.Parameters.AddWithValue("$attachments", attachments);
        if (pending.ExecuteScalar() is long count && count > 0)
        {
            throw new MigrationRefusedException(
                $"{InboxDatabasePath} still holds {count} received events or attachments that are not digested yet. " +
                "Start the old server once and wait until its health page shows an empty backlog (or give it a minute), stop it, and run migrate-to-postgres again.");
        }
    }
}
