using System.Data.Common;
using Bugsink.Web.Infrastructure.Database.Statements;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bugsink.Web.Infrastructure.Database;

// A statement prepared once and run many times with positional values: the hot paths (inbox writer,
// digest) insert thousands of rows per transaction, and re-preparing per row would cost more than
// the insert itself. Parameters are named $p0, $p1… in the SQL.
//
// It binds and steps the SQLite statement directly instead of going through SqliteCommand: the
// ADO.NET layer builds a data reader, walks its statement list and re-binds every parameter object
// on each run, which was about a third of the digest's SQLite time in a profile. A statement runs in
// whatever transaction is open on its connection, like any other on that connection.
public sealed class PreparedCommand : IStatement
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly StatementConnection? _owner;
    private SqliteCommand? _reader;

    public PreparedCommand(SqliteStatementConnection connection, string sql, int parameterCount)
        : this(connection.Connection, sql, parameterCount) => _owner = connection;

    public PreparedCommand(SqliteConnection connection, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _sql = sql;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection must be open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        _indexes = new int[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            // Names map to indexes in order of first appearance, which need not be $p0, $p1…
            _indexes[i] = raw.sqlite3_bind_parameter_index(_statement, "$p" + i);
            if (_indexes[i] == 0)
            {
                _statement.Dispose();
                throw new ArgumentException($"The SQL has no parameter $p{i}.", nameof(sql));
            }
        }
    }

    // Runs the statement to completion; the number of rows it changed.
    public int Run(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    // The first column of the first row (long, double, string, byte[]), or null when there is no row
    // or the value is NULL. RETURNING statements have made their change by the first step.
    public object? Scalar(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
                return null;
            }

            return raw.sqlite3_column_type(_statement, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, 0).utf8_to_string(),
                raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, 0).ToArray(),
                _ => null,
            };
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    // The row-returning form goes through ADO.NET: it runs a few times per batch, never per event.
    public DbDataReader Query(params ReadOnlySpan<object?> values)
    {
        if (_reader is null)
        {
            _reader = _connection.CreateCommand();
            _reader.CommandText = _sql;
            for (var i = 0; i < _indexes.Length; i++)
            {
                _reader.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
            }
        }

        if (values.Length != _indexes.Length)
        {
            throw new ArgumentException($"Expected {_indexes.Length} values, got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _reader.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _reader.Transaction = _owner?.Transaction as SqliteTransaction;
        return _reader.ExecuteReader();
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _statement.Dispose();
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != _indexes.Length)
        {
            throw new ArgumentException($"Expected {_indexes.Length} values, got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            var index = _indexes[i];
            var rc = values[i] switch
            {
                null or DBNull => raw.sqlite3_bind_null(_statement, index),
                long v => raw.sqlite3_bind_int64(_statement, index, v),
                int v => raw.sqlite3_bind_int64(_statement, index, v),
                bool v => raw.sqlite3_bind_int64(_statement, index, v ? 1 : 0),
                double v => raw.sqlite3_bind_double(_statement, index, v),
                string v => raw.sqlite3_bind_text(_statement, index, v),
                byte[] v => raw.sqlite3_bind_blob(_statement, index, v),
                var other => throw new ArgumentException($"Cannot bind a {other.GetType().Name} to $p{i}.", nameof(values)),
            };
            Check(rc);
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
