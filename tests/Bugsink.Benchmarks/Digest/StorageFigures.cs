using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bugsink.Benchmarks.Digest;

// Events stored in bugsink.db and what they cost on disk (main file plus its WAL, which holds recently
// committed pages until a checkpoint folds them into the main file).
public sealed record StorageFigures(long StoredEvents, long MainFileBytes, long WalBytes)
{
    public long DatabaseBytes => MainFileBytes + WalBytes;

    public double BytesPerEvent => StoredEvents == 0 ? double.NaN : (double)DatabaseBytes / StoredEvents;

    public static StorageFigures Read(string dataDir)
    {
        var main = Path.Combine(dataDir, "bugsink.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = main,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Events";
        var events = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return new StorageFigures(events, FileSize(main), FileSize(main + "-wal"));
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
