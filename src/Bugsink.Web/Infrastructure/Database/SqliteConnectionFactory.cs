using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Infrastructure.Database;

// Every connection to our SQLite files gets the same pragmas. WAL lets pages read while the
// digest writes; synchronous=FULL makes each commit durable, which is affordable because both
// the inbox writer and the digest commit whole batches (one fsync per batch, not per event).
public static class SqliteConnectionFactory
{
    // Test-only size caps by full file path (Bugsink:Ingest:InboxMaxPageCount, Bugsink:Digest:DatabaseMaxPageCount):
    // a file at its cap fails writes with SQLITE_FULL exactly as a full disk does, and freeing pages inside
    // it (a test drops its ballast) is space coming back. max_page_count lives on the connection, so it is
    // set on every one that opens; static because EF's interceptor and the hand-written opens share it.
    private static readonly ConcurrentDictionary<string, long> MaxPageCounts = new(StringComparer.Ordinal);

    public static void CapPages(string path, long maxPages)
    {
        if (maxPages > 0)
        {
            MaxPageCounts[Path.GetFullPath(path)] = maxPages;
        }
        else
        {
            MaxPageCounts.TryRemove(Path.GetFullPath(path), out _);
        }
    }

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
        if (!MaxPageCounts.IsEmpty && CapOf(connection) is { } maxPages)
        {
            command.CommandText += "PRAGMA max_page_count = " + maxPages.ToString(CultureInfo.InvariantCulture) + ";";
        }

        command.ExecuteNonQuery();
    }

    private static long? CapOf(SqliteConnection connection)
    {
        var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        return !string.IsNullOrEmpty(file) && MaxPageCounts.TryGetValue(Path.GetFullPath(file), out var maxPages) ? maxPages : null;
    }

    // True for the errors a full disk (or a file at its cap) gives: the write can succeed later, once space returns.
    public static bool IsFull(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 13 } || (exception is IOException io && io.HResult == DiskFullHResult);

    // ENOSPC as .NET reports it on Unix (0x70 is ERROR_DISK_FULL on Windows).
    private const int DiskFullHResult = 28;
}
