using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bugsink.Benchmarks.Digest;

// Reads the server's inbox.db without writing to it. count(*) walks every page of a table whose rows are
// kilobytes each, which at four samples a second would take CPU from the server being measured. Ids come
// from AUTOINCREMENT and the digest drains oldest id first, so one snapshot of the last id handed out and the
// smallest id still present says, in O(log n), how many events were committed and how many digested.
// The exact count is still what decides "fully digested".
public sealed class InboxProbe(string inboxPath) : IDisposable
{
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;

    public (long Committed, long Digested) ReadProgress()
    {
        lock (_gate)
        {
            _connection ??= Open();
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'inbox_events'), (SELECT min(id) FROM inbox_events)
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            var committed = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
            return (committed, reader.IsDBNull(1) ? committed : reader.GetInt64(1) - 1);
        }
    }

    public long WaitingExact() => Scalar("SELECT count(*) FROM inbox_events");

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
        }
    }

    // The sampler and the drain check run on different threads; one connection serves both in turn.
    private long Scalar(string sql)
    {
        lock (_gate)
        {
            _connection ??= Open();
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = inboxPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }
}
