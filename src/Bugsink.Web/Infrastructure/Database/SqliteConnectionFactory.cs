using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Infrastructure.Database;

// Every connection to our SQLite files gets the same pragmas. WAL lets pages read while the
// digest writes; synchronous=FULL makes each commit durable, which is affordable because both
// the inbox writer and the digest commit whole batches (one fsync per batch, not per event).
public static class SqliteConnectionFactory
{
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        ApplyPragmas(connection);
        return connection;
    }

    public static void ApplyPragmas(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 30000;
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            """;
        command.ExecuteNonQuery();
    }
}
