using System.CommandLine;
using System.Diagnostics;
using Bugsink.Web.Features.MigrateToPostgres;
using Bugsink.Web.Infrastructure.Database.Engines;
using Npgsql;

namespace Bugsink.Web.Cli;

// `migrate-to-postgres --from DATA_DIR --to URL [--resume]`: moves a stopped SQLite installation into an empty
// PostgreSQL database (README "Moving from SQLite to PostgreSQL").
public static class MigrateToPostgresCommand
{
    public static Command Build()
    {
        var from = new Option<string>("--from") { Description = "The data folder of the SQLite installation (its server stopped).", Required = true };
        var to = new Option<string>("--to") { Description = "The PostgreSQL database: postgresql://user:password@host:5432/db, or Npgsql's Host=…;Database=… form.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue a migration that was interrupted: copies the tables not yet copied, never a row twice." };
        var batch = new Option<int>("--batch-rows") { Description = "Rows between progress lines of a large table.", DefaultValueFactory = _ => 100_000 };
        var command = new Command("migrate-to-postgres", "Copy a stopped SQLite installation into an empty PostgreSQL database.") { from, to, resume, batch };
        command.SetAction(result =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var source = SqliteSource.Open(result.GetValue(from)!);
                var target = new PostgresTarget(ConnectionString(result.GetValue(to)!));
                Console.WriteLine($"From: {source.DataDir}");
                Console.WriteLine($"To:   PostgreSQL database {target.Describe()}");
                var copier = new TableCopier(Math.Max(1, result.GetValue(batch)), (table, rows) => Console.WriteLine($"  {table}: {rows} rows…"));
                var counts = new PostgresMigrator(source, target, Console.Out, copier).Run(result.GetValue(resume));
                Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s: {counts.Count} tables, {counts.Sum(c => c.Rows)} rows, every count equal to SQLite's.");
                Console.WriteLine("Start the servers with BUGSINK_DATABASE_URL set to this database; keep the SQLite data folder as your backup.");
                return 0;
            }
            catch (MigrationRefusedException refused)
            {
                throw new CliFailureException($"migrate-to-postgres: {refused.Message}");
            }
            catch (NpgsqlException failed)
            {
                throw new CliFailureException($"migrate-to-postgres: PostgreSQL answered: {failed.Message} Run again with --resume once the cause is fixed.");
            }
        });
        return command;
    }

    private static string ConnectionString(string to)
    {
        try
        {
            return to.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && to.Contains("://", StringComparison.Ordinal)
                ? PostgresUrl.ToConnectionString(to)
                : new NpgsqlConnectionStringBuilder(to).ConnectionString;
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException)
        {
            throw new CliFailureException($"migrate-to-postgres: --to is neither a postgresql:// URL nor a PostgreSQL connection string ({invalid.Message.Replace("BUGSINK_DATABASE_URL", "--to", StringComparison.Ordinal)}).");
        }
    }
}
