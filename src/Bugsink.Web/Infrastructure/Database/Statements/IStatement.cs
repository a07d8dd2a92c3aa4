using System.Data.Common;

namespace Bugsink.Web.Infrastructure.Database.Statements;

// A statement prepared once and run many times with positional values ($p0, $p1… in the SQL), in whatever
// transaction its connection has open. The hot paths (inbox writer, digest) run thousands per transaction.
// SQLite: PreparedCommand, which steps the statement itself; PostgreSQL: PostgresStatement, a prepared NpgsqlCommand.
public interface IStatement : IDisposable
{
    // Runs the statement to completion; the number of rows it changed.
    int Run(params ReadOnlySpan<object?> values);

    // The first column of the first row, or null when there is no row or the value is NULL. Integers and
    // booleans come back as long on both engines (PostgreSQL's int4 and bool included), text as string,
    // blobs as byte[], so the code that reads them is written once.
    object? Scalar(params ReadOnlySpan<object?> values);

    // For the few SELECTs (and RETURNING updates) that give several rows. Dispose the reader before the
    // next statement runs on the connection.
    DbDataReader Query(params ReadOnlySpan<object?> values);
}
