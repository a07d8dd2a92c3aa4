using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bugsink.Web.Features.Backup;

public enum SnapshotMethod
{
    // SQLite's online backup API, a few hundred pages per step with a pause between steps.
    Backup,

    // VACUUM INTO: one statement; the copy is compacted, but it cannot be paced.
    Vacuum,
}

// A consistent copy of one live SQLite file while the server keeps writing to it. The source
// connection holds one read transaction for the whole copy: in WAL mode that fixes the snapshot
// (writers carry on, appending to the WAL) and keeps the backup API from restarting each time
// another process commits, which under steady ingest would never let it finish.
public static class SqliteSnapshot
{
    public static void Copy(string sourcePath, string destinationPath, SnapshotOptions options)
    {
        using var source = OpenUnpooled(sourcePath, SqliteOpenMode.ReadWrite);
        if (options.Method == SnapshotMethod.Vacuum)
        {
            // VACUUM INTO reads in a transaction of its own (and refuses to run inside one).
            using var vacuum = source.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", destinationPath);
            vacuum.ExecuteNonQuery();
            return;
        }

        using var read = source.BeginTransaction(deferred: true);
        using (var touch = source.CreateCommand())
        {
            // A deferred transaction starts reading only at its first statement.
            touch.CommandText = "SELECT count(*) FROM sqlite_master";
            touch.ExecuteScalar();
        }

        using var destination = OpenUnpooled(destinationPath, SqliteOpenMode.ReadWriteCreate);
        var backup = raw.sqlite3_backup_init(destination.Handle, "main", source.Handle, "main")
            ?? throw new InvalidOperationException($"Could not start copying {sourcePath}: {raw.sqlite3_errmsg(destination.Handle).utf8_to_string()}");
        try
        {
            while (true)
            {
                var rc = raw.sqlite3_backup_step(backup, options.PagesPerStep);
                if (rc == raw.SQLITE_DONE)
                {
                    break;
                }

                if (rc is not (raw.SQLITE_OK or raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
                {
                    SqliteException.ThrowExceptionForRC(rc, destination.Handle);
                }

                // The pause is what leaves the disk (and the fsyncs of ingest's commits) room.
                Thread.Sleep(options.PauseBetweenSteps);
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
    }

    // "ok" or SQLite's list of problems.
    public static string IntegrityCheck(string path)
    {
        try
        {
            using var connection = OpenUnpooled(path, SqliteOpenMode.ReadWrite);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines);
        }
        catch (SqliteException e)
        {
            // Damage bad enough that the check cannot even run ("database disk image is malformed").
            return e.Message;
        }
    }

    // No pooling: the file must be closed (and its WAL folded in) when the connection is disposed,
    // because it is archived or moved next.
    public static SqliteConnection OpenUnpooled(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000";
        command.ExecuteNonQuery();
        return connection;
    }
}

public sealed record SnapshotOptions(SnapshotMethod Method, int PagesPerStep, TimeSpan PauseBetweenSteps)
{
    // 256 pages of 4 KiB: 1 MiB per step, then 2 ms for everybody else (about 0.5 s per GiB).
    public static SnapshotOptions Default { get; } = new(SnapshotMethod.Backup, 256, TimeSpan.FromMilliseconds(2));
}
