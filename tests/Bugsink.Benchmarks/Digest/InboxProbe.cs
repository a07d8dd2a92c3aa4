using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bugsink.Benchmarks.Digest;

// Reads the server's inbox.db without writing to it. count(*) walks every page of a table whose rows are
// kilobytes each, which at four samples a second would take CPU from the server being measured; since the
// digest drains the inbox oldest id first, the id span is the same number for a fraction of the cost.
// The exact count is still what decides "fully digested".
public sealed class InboxProbe(string inboxPath) : IDisposable
{
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;

    public long WaitingEstimate() =>
        Scalar("SELECT coalesce(max(id) - min(id) + 1, 0) FROM inbox_events");

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
