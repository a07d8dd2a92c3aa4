using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bugsink.Web.Infrastructure.Database;

// EF opens its own connections; give them the same pragmas as the hand-written ones.
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteConnectionFactory.ApplyPragmas((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqliteConnectionFactory.ApplyPragmas((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
