using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Infrastructure;

// A real SQLite file in a folder of its own, opened with the server's pragmas, with the given schema;
// deleted with the folder afterwards.
public sealed class ScratchDatabase : IDisposable
{
    private readonly string _folder;

    public ScratchDatabase(string schema)
    {
        _folder = Directory.CreateTempSubdirectory("bugsink-scratch-").FullName;
        Connection = SqliteConnectionFactory.Open(Path.Combine(_folder, "scratch.db"));
        Execute(schema);
    }

    public SqliteConnection Connection { get; }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
