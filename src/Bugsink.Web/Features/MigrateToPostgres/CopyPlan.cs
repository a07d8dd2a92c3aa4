using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bugsink.Web.Features.MigrateToPostgres;

// Which tables to copy, in which order, and how each column is read from SQLite and written to PostgreSQL:
// all of it from the EF model (both engines' mappings of it), so a table added to the model later is copied
// without anyone remembering this tool, and one that bugsink.db has but the model does not stops the copy.
public sealed class CopyPlan
{
    // Tables of bugsink.db that are not the model's and need not move: EF's history and migration lock (PostgreSQL gets its own from
    // the migrations), SQLite's bookkeeping, and the full-text index of issue titles (IssueTextSearch), which
    // triggers fill from Issues and PostgreSQL replaces with pg_trgm indexes.
    private static readonly string[] NotCopied = ["__EFMigrationsHistory", "__EFMigrationsLock", "sqlite_sequence", "IssueText"];

    // Carried over by KeyRingCopier, which also takes the key files of the data folder.
    public const string KeyTable = "DataProtectionKeys";

    private CopyPlan(IReadOnlyList<TableCopy> tables) => Tables = tables;

    public IReadOnlyList<TableCopy> Tables { get; }

    public static CopyPlan Build(AppDbContext sqliteModel, PostgresAppDbContext postgresModel, IReadOnlyList<string> sqliteTables)
    {
        var sqlite = sqliteModel.Model.GetRelationalModel();
        var postgres = postgresModel.Model.GetRelationalModel();
        var unknown = sqliteTables
            .Where(name => sqlite.FindTable(name, null) is null)
            .Where(name => !NotCopied.Contains(name, StringComparer.Ordinal) && !name.StartsWith("sqlite_", StringComparison.Ordinal) && !name.StartsWith("IssueText_", StringComparison.Ordinal))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new MigrationRefusedException(
                $"bugsink.db has tables this version's model does not know: {string.Join(", ", unknown)}. They would be lost, so nothing was copied; " +
                "use the Bugsink version that made them, or report this.");
        }

        var tables = postgres.Tables
            .Where(table => table.Schema is null && table.Name != KeyTable)
            .Select(table => TableCopy.For(sqlite.FindTable(table.Name, null)
                ?? throw new MigrationRefusedException($"The model maps table {table.Name} on PostgreSQL but not on SQLite; this build is inconsistent."), table))
            .ToList();
        return new CopyPlan(InDependencyOrder(tables));
    }

    // Parents before children, so every foreign key finds its row: PostgreSQL checks them as COPY inserts.
    // A table that refers to itself is copied in primary-key order, parents (older rows) first.
    private static List<TableCopy> InDependencyOrder(List<TableCopy> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = new List<TableCopy>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Visit(TableCopy table)
        {
            if (state.TryGetValue(table.Name, out var done))
            {
                if (!done)
                {
                    throw new MigrationRefusedException($"The foreign keys of {table.Name} form a cycle with other tables; this tool cannot order them.");
                }

                return;
            }

            state[table.Name] = false;
            foreach (var parent in table.Parents.Where(p => p != table.Name && byName.ContainsKey(p)))
            {
                Visit(byName[parent]);
            }

            state[table.Name] = true;
            ordered.Add(table);
        }

        foreach (var table in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(table);
        }

        return ordered;
    }
}

// One table: its columns in order, the SELECT that reads it from SQLite, and for each column how a SQLite value
// becomes the value PostgreSQL stores (through the model's CLR value, so both engines' converters apply).
public sealed class TableCopy
{
    private TableCopy(string name, IReadOnlyList<ColumnCopy> columns, IReadOnlyList<string> keyColumns, IReadOnlyList<string> parents)
    {
        Name = name;
        Columns = columns;
        KeyColumns = keyColumns;
        Parents = parents;
    }

    public string Name { get; }

    public IReadOnlyList<ColumnCopy> Columns { get; }

    public IReadOnlyList<string> KeyColumns { get; }

    public IReadOnlyList<string> Parents { get; }

    public string SelectFromSqlite =>
        $"SELECT {string.Join(", ", Columns.Select(c => SqliteSource.Quote(c.Name)))} FROM {SqliteSource.Quote(Name)}" +
        (KeyColumns.Count > 0 ? $" ORDER BY {string.Join(", ", KeyColumns.Select(SqliteSource.Quote))}" : "");

    public string CopyIntoPostgres =>
        $"COPY {SqliteSource.Quote(Name)} ({string.Join(", ", Columns.Select(c => SqliteSource.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";

    public static TableCopy For(ITable sqlite, ITable postgres)
    {
        var columns = postgres.Columns
            .Select(column => ColumnCopy.For(sqlite.FindColumn(column.Name)
                ?? throw new MigrationRefusedException($"Column {postgres.Name}.{column.Name} exists on PostgreSQL but not on SQLite; this build is inconsistent."), column))
            .ToList();
        return new TableCopy(
            postgres.Name,
            columns,
            postgres.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [],
            postgres.ForeignKeyConstraints.Select(fk => fk.PrincipalTable.Name).Distinct().ToList());
    }
}

// One column: read from SQLite as the type SQLite's mapping stores, converted to the model's value, converted
// to what PostgreSQL's mapping stores, written under PostgreSQL's type name.
public sealed class ColumnCopy
{
    private readonly Func<SqliteDataReader, int, object> _read;
    private readonly Func<object?, object?>? _fromSqlite;
    private readonly Func<object?, object?>? _toPostgres;

    private ColumnCopy(string name, string postgresType, Func<SqliteDataReader, int, object> read, Func<object?, object?>? fromSqlite, Func<object?, object?>? toPostgres)
    {
        Name = name;
        PostgresType = postgresType;
        _read = read;
        _fromSqlite = fromSqlite;
        _toPostgres = toPostgres;
    }

    public string Name { get; }

    // Without length or precision ("character varying", not "character varying(200)"): what COPY's writer takes.
    public string PostgresType { get; }

    public static ColumnCopy For(IColumn sqlite, IColumn postgres)
    {
        var sqliteMapping = sqlite.PropertyMappings.Count > 0 ? sqlite.PropertyMappings[0].TypeMapping : null;
        var postgresMapping = postgres.PropertyMappings.Count > 0 ? postgres.PropertyMappings[0].TypeMapping : null;
        // A column without a property is a JSON document of owned values (a passkey's data): text on SQLite, jsonb here.
        var stored = sqliteMapping is null ? typeof(string) : Nullable.GetUnderlyingType(StoredType(sqliteMapping)) ?? StoredType(sqliteMapping);
        var read = typeof(ColumnCopy).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(stored)
            .CreateDelegate<Func<SqliteDataReader, int, object>>();
        return new ColumnCopy(
            postgres.Name,
            postgres.StoreTypeMapping.StoreTypeNameBase,
            read,
            sqliteMapping?.Converter?.ConvertFromProvider,
            postgresMapping?.Converter?.ConvertToProvider);
    }

    public object? ReadForPostgres(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var value = _read(reader, ordinal);
        var model = _fromSqlite is null ? value : _fromSqlite(value);
        return _toPostgres is null ? model : _toPostgres(model);
    }

    private static Type StoredType(RelationalTypeMapping mapping) => mapping.Converter?.ProviderClrType ?? mapping.ClrType;

    private static object Read<T>(SqliteDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;
}
