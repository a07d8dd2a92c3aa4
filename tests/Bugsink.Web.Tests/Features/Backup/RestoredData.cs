using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Backup;

// What a restored data folder gives back, read as an operator with sqlite3 would: event id -> how
// many times it is there, digested (in Events) or waiting in the inbox above the digest's watermark.
public static class RestoredData
{
    public static Dictionary<string, long> EventIds(string dataDir)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long watermark;
        using (var main = Open(Path.Combine(dataDir, "bugsink.db")))
        {
            Add(main, "SELECT EventId FROM Events", counts);
            using var command = main.CreateCommand();
            command.CommandText = "SELECT ifnull((SELECT LastInboxEventId FROM DigestProgress WHERE Id = 1), 0)";
            watermark = (long)command.ExecuteScalar()!;
        }

        using var inbox = Open(Path.Combine(dataDir, "inbox.db"));
        Add(inbox, $"SELECT event_id FROM inbox_events WHERE id > {watermark}", counts);
        return counts;
    }

    public static string Temp(string name) => Path.Combine(Path.GetTempPath(), "bugsink-tests", $"{name}-{Guid.NewGuid():N}");

    private static void Add(SqliteConnection connection, string sql, Dictionary<string, long> counts)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + 1;
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
