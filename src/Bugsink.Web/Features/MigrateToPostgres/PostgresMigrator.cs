namespace Bugsink.Web.Features.MigrateToPostgres;

// `bugsink migrate-to-postgres`: schema first (the PostgreSQL migrations), then every table of the model in
// foreign-key order, each in one COPY transaction, then the key ring, the identity sequences, and a count of
// every table on both sides. A table is copied only into an empty table, skipped when it already holds as
// many rows as the source (copied by an interrupted run), and anything else stops the run: no row is ever
// written twice.
public sealed class PostgresMigrator(SqliteSource source, PostgresTarget target, TextWriter log, TableCopier copier)
{
    public IReadOnlyList<(string Table, long Rows)> Run(bool resume)
    {
        var tables = target.TableCount();
        if (tables > 0 && !resume)
        {
            throw new MigrationRefusedException(
                $"PostgreSQL database {target.Describe()} already holds {tables} tables. migrate-to-postgres fills only an empty database; " +
                "to continue a migration that was interrupted, add --resume.");
        }

        if (resume && tables > 0 && !target.IsMarked())
        {
            throw new MigrationRefusedException(
                $"PostgreSQL database {target.Describe()} holds tables but no migration under way ({PostgresTarget.MarkTable} is missing): " +
                "it is an installation in use, or a migration that stopped before copying began or finished already. Nothing was changed. " +
                "To start over, drop and create the database again.");
        }

        using var sqliteModel = source.ModelContext();
        using var postgresModel = target.ModelContext();
        var plan = CopyPlan.Build(sqliteModel, postgresModel, source.TableNames());
        if (tables == 0)
        {
            log.WriteLine($"Creating the schema in {target.Describe()}…");
            target.CreateSchema();
            target.StartCopy(plan.Tables.Select(t => t.Name), source.DataDir);
        }
        else
        {
            target.CreateSchema();
            log.WriteLine($"Resuming the migration into {target.Describe()}.");
        }

        using var sqlite = source.OpenMain();
        using var postgres = target.Open();
        foreach (var table in plan.Tables)
        {
            var expected = source.Count(table.Name);
            var present = target.Count(table.Name);
            if (present == expected && present > 0)
            {
                log.WriteLine($"  {table.Name}: {present} rows, copied before");
                continue;
            }

            if (present != 0)
            {
                throw new MigrationRefusedException(
                    $"{table.Name} holds {present} rows in PostgreSQL and {expected} in SQLite: it was changed since the migration began. Nothing more was copied.");
            }

            var (rows, took) = copier.Copy(table, sqlite, postgres);
            log.WriteLine($"  {table.Name}: {rows} rows in {took.TotalSeconds:F1} s");
        }

        var (keys, added) = KeyRingCopier.Copy(source, sqlite, postgres);
        log.WriteLine($"  {CopyPlan.KeyTable}: {keys} data-protection keys ({added} added now)");
        foreach (var (table, next) in target.AdvanceSequences(source.HighestIssuedId))
        {
            log.WriteLine($"  {table}: new ids start at {next}");
        }

        var counts = Verify(plan);
        target.FinishCopy();
        return counts;
    }

    private List<(string Table, long Rows)> Verify(CopyPlan plan)
    {
        var counts = new List<(string, long)>();
        var wrong = new List<string>();
        foreach (var table in plan.Tables)
        {
            var (expected, copied) = (source.Count(table.Name), target.Count(table.Name));
            counts.Add((table.Name, copied));
            if (expected != copied)
            {
                wrong.Add($"{table.Name} ({expected} in SQLite, {copied} in PostgreSQL)");
            }
        }

        if (wrong.Count > 0)
        {
            throw new MigrationRefusedException($"Counts differ after copying: {string.Join(", ", wrong)}.");
        }

        return counts;
    }
}
