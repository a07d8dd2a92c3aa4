using Npgsql;

namespace Bugsink.Web.Infrastructure.Database.Engines;

// The database the settings chose, with a connection string the provider takes as it is. For SQLite the
// files stay where SiteOptions puts them, so the connection string is empty here.
public sealed record DatabaseEngine(DatabaseProvider Provider, string ConnectionString)
{
    public static readonly DatabaseEngine Sqlite = new(DatabaseProvider.Sqlite, "");

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public static DatabaseEngine From(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        return From(options);
    }

    public static DatabaseEngine From(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Url))
        {
            return new(DatabaseProvider.Postgres, PostgresUrl.ToConnectionString(options.Url));
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            return Sqlite;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new FormatException("Bugsink:Database:Provider is Postgres but Bugsink:Database:ConnectionString is empty; set it (Host=…;Database=…;Username=…) or BUGSINK_DATABASE_URL.");
        }

        try
        {
            return new(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString);
        }
        catch (ArgumentException invalid)
        {
            throw new FormatException($"Bugsink:Database:ConnectionString is not a PostgreSQL connection string: {invalid.Message}");
        }
    }
}
