using Microsoft.Data.Sqlite;

namespace Bugsink.Benchmarks.Seed;

// One prepared INSERT reused for every row of a table: parameters are bound by position, so a row
// costs a few assignments and one step of the statement, no SQL parsing.
public sealed class RowWriter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public RowWriter(SqliteConnection connection, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        _parameters = [.. columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i, null)))];
        _command.Prepare();
    }

    public long Rows { get; private set; }

    public void Write(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
        Rows++;
    }

    // Statements are bound to the transaction they were prepared in; a new batch re-binds them.
    public void Use(SqliteTransaction transaction) => _command.Transaction = transaction;

    public void Dispose() => _command.Dispose();
}
