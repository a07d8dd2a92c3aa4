using Npgsql;

namespace Bugsink.E2E.Data;

// The same questions as SqliteSource answers, asked of the PostgreSQL database a server runs on
// (BUGSINK_DATABASE_URL): the inbox tables and dropped_items live there under the names they have in inbox.db.
public sealed class PostgresProbe(string connectionString) : IStoreProbe
{
    public IReadOnlyDictionary<string, long> DroppedItems(long projectId) =>
        Query("SELECT item_type, count FROM dropped_items WHERE project_id = $1", projectId, r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    public long EventCount(long projectId) =>
        Query("SELECT count(*) FROM \"Events\" WHERE \"ProjectId\" = $1", projectId, r => r.GetInt64(0))[0];

    public long PendingInInbox() =>
        Query("SELECT (SELECT count(*) FROM inbox_events) + (SELECT count(*) FROM inbox_attachments) WHERE $1 = $1", 0L, r => r.GetInt64(0))[0];

    private List<T> Query<T>(string sql, long value, Func<NpgsqlDataReader, T> read)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
