using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Hardening.Faults;

// Fills a database file up to the page cap the server was started with, from outside the server, as other
// files fill a disk; dropping the ballast frees its pages inside the file, which is the space coming back.
// The server's connections carry the same cap (Bugsink:…MaxPageCount), so once the ballast holds every
// page up to it, any write of theirs that needs one more page fails with SQLITE_FULL, as on a full disk.
internal static class Ballast
{
    private const string Table = "test_ballast";

    public static void Fill(string file, long maxPages)
    {
        using var connection = Open(file);
        Execute(connection, $"PRAGMA max_page_count = {maxPages.ToString(CultureInfo.InvariantCulture)}; CREATE TABLE IF NOT EXISTS {Table} (b BLOB NOT NULL)");
        // Large rows first, then ever smaller ones into what is left, so no whole page stays free.
        foreach (var size in new[] { 1 << 20, 64 << 10, 4 << 10, 256, 16 })
        {
            while (TryInsert(connection, size))
            {
            }
        }
    }

    public static void Remove(string file)
    {
        using var connection = Open(file);
        Execute(connection, $"DROP TABLE {Table}");
    }

    private static bool TryInsert(SqliteConnection connection, int size)
    {
        try
        {
            Execute(connection, $"INSERT INTO {Table} (b) VALUES (zeroblob({size.ToString(CultureInfo.InvariantCulture)}))");
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 13)
        {
            return false;
        }
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
