using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Infrastructure.Database.Engines;

// Which database holds the installation. Unset means SQLite files in the data folder, as always. PostgreSQL
// is chosen by BUGSINK_DATABASE_URL (postgresql://user:pass@host:5432/db?sslmode=require) or by
// Provider=Postgres with ConnectionString in Npgsql's keyword form.
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Bugsink:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    // Npgsql's keyword form (Host=…;Database=…;Username=…); ignored for SQLite.
    public string ConnectionString { get; set; } = "";

    // BUGSINK_DATABASE_URL; when set it chooses PostgreSQL and wins over Provider and ConnectionString.
    public string Url { get; set; } = "";

    // PostgreSQL runs the schema, the accounts and the pages, but ingest and the digest still keep their
    // queues in SQLite (issue 21 moves them): only a test installation should run on it yet.
    public bool Experimental { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem;
        try
        {
            problem = DatabaseEngine.From(this) is { Provider: DatabaseProvider.Postgres } && !Experimental
                ? "PostgreSQL is not ready for production yet: ingest and the digest still need SQLite (issue 21). " +
                  "Leave BUGSINK_DATABASE_URL unset, or set Bugsink:Database:Experimental=true on a test installation."
                : null;
        }
        catch (FormatException invalid)
        {
            problem = invalid.Message;
        }

        return problem is null ? [] : [new ValidationResult(problem)];
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
