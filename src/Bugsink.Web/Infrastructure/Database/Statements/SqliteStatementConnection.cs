using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Infrastructure.Database.Statements;

// SQLite's side of the seam: statements are PreparedCommands, bound and stepped directly.
public sealed class SqliteStatementConnection(SqliteConnection connection) : StatementConnection
{
    public override SqliteConnection Connection { get; } = connection;

    public override IStatement Prepare(string sql, int parameterCount) => new PreparedCommand(this, sql, parameterCount);
}
