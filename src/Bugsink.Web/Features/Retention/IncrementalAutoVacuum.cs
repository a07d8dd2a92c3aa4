using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Retention;

// SQLite decides at creation whether a file can give pages back (auto_vacuum is stored in its header):
// set later, it takes effect only through a full VACUUM, which copies the whole file. So bugsink.db is
// made incremental while it is still empty, before migrations create the first table. An existing
// database is converted once by VacuumDatabaseJob instead.
public static class IncrementalAutoVacuum
{
    public const long IncrementalMode = 2;

    public static void PrepareEmptyDatabase(string path)
    {
        // Unpooled and without our usual pragmas: they switch to WAL first, which writes the header (with
        // auto-vacuum off) before the mode could be set.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        if (Scalar(connection, "SELECT count(*) FROM sqlite_master") > 0 || ReadMode(connection) == IncrementalMode)
        {
            return;
        }

        // VACUUM of an empty file is instant and makes the mode stick even if a header was already written.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA auto_vacuum = INCREMENTAL; VACUUM; PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    // PRAGMA auto_vacuum answers from the connection's memory of the file header, which a pooled
    // connection may have read before another connection's VACUUM changed it; a read refreshes it.
    public static long ReadMode(SqliteConnection connection)
    {
        Scalar(connection, "SELECT count(*) FROM sqlite_master");
        return Scalar(connection, "PRAGMA auto_vacuum");
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
