using Npgsql;

namespace Bugsink.Web.Infrastructure.Database.Engines;

// postgresql://user:password@host:port/database?sslmode=require, the form managed databases and Heroku-style
// platforms hand out, turned into Npgsql's keyword form. User and password are percent-decoded (a password
// may hold '@' or ':'); query parameters are passed on as keywords (sslmode, sslrootcert, …), and a message
// names anything that cannot be used, without echoing the password.
public static class PostgresUrl
{
    public static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgresql" or "postgres"))
        {
            throw new FormatException("BUGSINK_DATABASE_URL must look like postgresql://user:password@host:5432/database.");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("BUGSINK_DATABASE_URL names no host or no database (postgresql://user:password@host:5432/database).");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var (key, value) in QueryParameters(uri.Query))
        {
            try
            {
                builder[key] = value;
            }
            catch (Exception refused) when (refused is ArgumentException or FormatException or InvalidCastException)
            {
                throw new FormatException($"BUGSINK_DATABASE_URL: the parameter '{key}' is not one PostgreSQL's .NET driver knows or its value is not allowed.");
            }
        }

        return builder.ConnectionString;
    }

    private static IEnumerable<(string Key, string Value)> QueryParameters(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : ""));
}
