using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bugsink.Web.Features.MigrateToPostgres;

// The PostgreSQL database an installation moves into. A migration under way is marked by a table of its own,
// made in the same transaction that empties the fresh schema and dropped once every count is verified: only a
// database with that mark may be resumed, so --resume never writes into an installation that is in use.
public sealed class PostgresTarget(string connectionString)
{
    public const string MarkTable = "bugsink_migrate_to_postgres";

    public DatabaseEngine Engine { get; } = new(DatabaseProvider.Postgres, connectionString);

    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Database} on {builder.Host}:{builder.Port}";
    }

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public PostgresAppDbContext ModelContext() =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);

    public long TableCount() => Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");

    public bool IsMarked() => Scalar($"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{MarkTable}'") > 0;

    // The PostgreSQL migrations, under the lock the servers take for theirs.
    public void CreateSchema()
    {
        using var hold = MigrationLock.Hold(Engine);
        using var db = ModelContext();
        db.Database.Migrate();
    }

    // Right after CreateSchema on an empty database: the migrations' seed rows (DigestProgress) make way for the
    // copied ones, and the mark goes up, in one transaction.
    public void StartCopy(IEnumerable<string> tables, string sourceDataDir)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var table in tables)
        {
            Execute(connection, $"DELETE FROM {SqliteSource.Quote(table)}");
        }

        Execute(connection, $"CREATE TABLE {MarkTable} (source text NOT NULL, started_at timestamptz NOT NULL DEFAULT now())");
        using (var mark = new NpgsqlCommand($"INSERT INTO {MarkTable} (source) VALUES (@source)", connection))
        {
            mark.Parameters.AddWithValue("source", sourceDataDir);
            mark.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void FinishCopy()
    {
        using var connection = Open();
        Execute(connection, $"DROP TABLE {MarkTable}");
    }

    public long Count(string table) => Scalar($"SELECT count(*) FROM {SqliteSource.Quote(table)}");

    // Every identity column's sequence past the highest id copied, or past the highest SQLite ever issued
    // (deleted rows' ids are not handed out again, as AUTOINCREMENT promised).
    public IReadOnlyList<(string Table, long Next)> AdvanceSequences(Func<string, long> highestIssuedInSqlite)
    {
        using var connection = Open();
        var identities = new List<(string Table, string Column)>();
        using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name",
            connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                identities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var advanced = new List<(string, long)>();
        foreach (var (table, column) in identities)
        {
            using var max = new NpgsqlCommand($"SELECT coalesce(max({SqliteSource.Quote(column)}), 0) FROM {SqliteSource.Quote(table)}", connection);
            var highest = Math.Max(Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), highestIssuedInSqlite(table));
            if (highest == 0)
            {
                continue;
            }

            using var set = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence(@table, @column), @highest, true)", connection);
            set.Parameters.AddWithValue("table", SqliteSource.Quote(table));
            set.Parameters.AddWithValue("column", column);
            set.Parameters.AddWithValue("highest", highest);
            set.ExecuteNonQuery();
            advanced.Add((table, highest + 1));
        }

        return advanced;
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
