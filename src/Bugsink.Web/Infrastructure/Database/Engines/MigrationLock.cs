using Npgsql;

namespace Bugsink.Web.Infrastructure.Database.Engines;

// Nodes that start together on one PostgreSQL database apply the migrations one at a time: each waits for a
// session advisory lock (freed by the database if the holder dies), and the later ones find nothing left to
// do. EF Core's own migration lock did not suffice: two nodes starting at once both ran TrigramSearch and one
// died on "relation already exists" (TwoNodesStartingAtOnce_… in CI). SQLite needs none: one process owns
// the data folder.
public static class MigrationLock
{
    // Any fixed number; advisory locks live in the database's own namespace.
    private const long Key = 0x6275_6773_696E_6B01;

    public static IDisposable Hold(DatabaseEngine engine)
    {
        if (!engine.IsPostgres)
        {
            return NoLock.Instance;
        }

        // Unpooled: a pooled connection goes back to the pool still holding its session's locks (Npgsql resets the
        // session only when the connection is next taken), so the other nodes waited until this one happened to reuse
        // it, up to minutes (TwoNodesStartingAtOnce_… timed out once in 3 runs). Closing this one ends the session.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(engine.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        // No timeout: the wait lasts as long as the other node's migrations (on a loaded machine over Npgsql's default 30 s,
        // after which the waiting node died in TwoNodesStartingAtOnce_…).
        using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", Key);
        command.ExecuteNonQuery();
        // Closing the connection ends the session, which releases the lock.
        return connection;
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }
}
