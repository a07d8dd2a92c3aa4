using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Infrastructure.Database;

// A statement prepared once and run many times with positional values: the hot paths (inbox writer,
// digest) insert thousands of rows per transaction, and re-preparing per row would cost more than
// the insert itself. Parameters are named $p0, $p1… in the SQL.
public sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;

    public PreparedCommand(SqliteConnection connection, string sql, int parameterCount)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            _command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
        }
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public int Run(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    public object? Scalar(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        var result = _command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public void Dispose() => _command.Dispose();

    private void Bind(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
