using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Bugsink.Web.Infrastructure.Database.Statements;

// A statement of the seam on PostgreSQL: the SQL's $p0, $p1… become PostgreSQL's positional $1, $2…, and
// the command is prepared on the server at its first run, so later runs send only the values.
public sealed partial class PostgresStatement : IStatement
{
    private readonly NpgsqlCommand _command;
    private readonly int _parameterCount;
    private bool _prepared;

    public PostgresStatement(PostgresStatementConnection connection, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _parameterCount = parameterCount;
        var positional = Placeholder().Replace(sql, match =>
        {
            var index = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            return index < parameterCount
                ? "$" + (index + 1).ToString(CultureInfo.InvariantCulture)
                : throw new ArgumentException($"The SQL names $p{index} but takes {parameterCount} values.", nameof(sql));
        });
        _command = new NpgsqlCommand(positional, connection.Connection);
    }

    public int Run(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    public object? Scalar(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteScalar() switch
        {
            null or DBNull => null,
            int v => (long)v,
            short v => (long)v,
            bool v => v ? 1L : 0L,
            decimal v => (long)v,
            var other => other,
        };
    }

    public DbDataReader Query(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteReader();
    }

    public void Dispose() => _command.Dispose();

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameterCount)
        {
            throw new ArgumentException($"Expected {_parameterCount} values, got {values.Length}.", nameof(values));
        }

        _command.Parameters.Clear();
        foreach (var value in values)
        {
            _command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        if (!_prepared)
        {
            _command.Prepare();
            _prepared = true;
        }
    }

    [GeneratedRegex(@"\$p(\d+)")]
    private static partial Regex Placeholder();
}
