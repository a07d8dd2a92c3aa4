using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Database.Statements;

// Opens a statement connection to the main database of either engine (DatabaseSetup picks one).
public interface IStatementConnections
{
    StatementConnection OpenMain();
}

public sealed class SqliteStatementConnections(IOptions<SiteOptions> site) : IStatementConnections
{
    // Each digest batch touches thousands of scattered counter rows and index pages; SQLite's default 2 MB
    // page cache re-reads most of them from the OS for every batch. 16 MB digested as fast as 64 MB did
    // (8,600-8,900 events/s alone) with 40 MB less peak memory.
    public StatementConnection OpenMain()
    {
        var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -16384";
        command.ExecuteNonQuery();
        return new SqliteStatementConnection(connection);
    }
}

public sealed class PostgresStatementConnections(DatabaseEngine engine) : IStatementConnections
{
    public StatementConnection OpenMain() => PostgresStatementConnection.Open(engine.ConnectionString);
}
