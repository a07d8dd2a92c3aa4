using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Database;

// PreparedCommand binds and steps SQLite statements itself (no SqliteCommand), so the conversions
// ADO.NET used to make for us are checked here against a real database file.
public sealed class PreparedCommandTests : IDisposable
{
    private readonly ScratchDatabase _database = new("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT, b BLOB NOT NULL, f INTEGER)");

    private SqliteConnection Connection => _database.Connection;

    [Fact]
    public void Values_RoundTripWithTheirTypes_AndAnEmptyArrayIsAnEmptyBlobNotNull()
    {
        using var insert = new PreparedCommand(Connection, "INSERT INTO t (n, r, s, b, f) VALUES ($p0, $p1, $p2, $p3, $p4) RETURNING id", 5);
        var id = insert.Scalar(long.MaxValue, 2.5, "zürich ✓", Array.Empty<byte>(), true);
        insert.Scalar(7, null, null, new byte[] { 1, 2, 3 }, false);

        using var read = new PreparedCommand(Connection, "SELECT quote(n) || '|' || quote(r) || '|' || quote(s) || '|' || quote(b) || '|' || f FROM t WHERE id = $p0", 1);
        Assert.Equal(1L, id);
        Assert.Equal("9223372036854775807|2.5|'zürich ✓'|X''|1", read.Scalar(1L));
        Assert.Equal("7|NULL|NULL|X'010203'|0", read.Scalar(2L));
    }

    [Fact]
    public void ParametersBindByName_EvenWhenTheyFirstAppearOutOfOrder()
    {
        using var insert = new PreparedCommand(Connection, "INSERT INTO t (s, b, n) VALUES ($p1 || $p1, x'', $p0)", 2);
        Assert.Equal(1, insert.Run(5L, "ab"));

        using var read = new PreparedCommand(Connection, "SELECT s FROM t WHERE n = $p0", 1);
        Assert.Equal("abab", read.Scalar(5L));
        Assert.Null(read.Scalar(6L));
    }

    [Fact]
    public void Run_CountsChangedRows_AndRunsInTheConnectionsTransaction()
    {
        using var insert = new PreparedCommand(Connection, "INSERT INTO t (n, b) VALUES ($p0, x'')", 1);
        using (var transaction = Connection.BeginTransaction())
        {
            insert.Run(1L);
            insert.Run(2L);
            transaction.Rollback();
        }

        using var update = new PreparedCommand(Connection, "UPDATE t SET n = n + 1 WHERE n >= $p0", 1);
        Assert.Equal(0, update.Run(0L));
        insert.Run(1L);
        insert.Run(2L);
        Assert.Equal(2, update.Run(0L));
    }

    [Fact]
    public void Errors_AreSqliteExceptions_AndTheStatementStaysUsable()
    {
        using var insert = new PreparedCommand(Connection, "INSERT INTO t (id, b) VALUES ($p0, x'')", 1);
        insert.Run(1L);
        var error = Assert.Throws<SqliteException>(() => insert.Run(1L));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1, insert.Run(2L));
    }

    [Fact]
    public void MisnamedParametersAndUnbindableValues_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new PreparedCommand(Connection, "SELECT $p0", 2));
        using var select = new PreparedCommand(Connection, "SELECT $p0", 1);
        Assert.Throws<ArgumentException>(() => select.Scalar(DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => select.Scalar(1L, 2L));
    }

    public void Dispose() => _database.Dispose();
}
