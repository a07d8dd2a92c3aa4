using Npgsql;

namespace Bugsink.Web.Infrastructure.Database.Statements;

// PostgreSQL's side of the seam: statements are prepared NpgsqlCommands with positional parameters.
public sealed class PostgresStatementConnection(NpgsqlConnection connection) : StatementConnection
{
    public override NpgsqlConnection Connection { get; } = connection;

    public override IStatement Prepare(string sql, int parameterCount) => new PostgresStatement(this, sql, parameterCount);

    public static PostgresStatementConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return new PostgresStatementConnection(connection);
    }
}
