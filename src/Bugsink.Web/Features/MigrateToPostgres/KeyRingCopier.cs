using Bugsink.Web.Features.Accounts;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bugsink.Web.Features.MigrateToPostgres;

// The data-protection keys of the SQLite installation, files in the data folder's keys/ (and any rows of its
// DataProtectionKeys table), into PostgreSQL's DataProtectionKeys, where the PostgreSQL servers read them:
// sessions stay signed in and channel secrets encrypted with those keys stay readable. A key is matched by
// its friendly name (the file name, "key-<id>"), so a resumed run adds only the keys still missing.
public static class KeyRingCopier
{
    public static (int Keys, int Added) Copy(SqliteSource source, SqliteConnection sqlite, NpgsqlConnection postgres)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(source.DataDir, AccountsModule.KeysFolder);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                keys[Path.GetFileNameWithoutExtension(file)] = File.ReadAllText(file);
            }
        }

        using (var rows = sqlite.CreateCommand())
        {
            rows.CommandText = $"SELECT FriendlyName, Xml FROM {CopyPlan.KeyTable} WHERE FriendlyName IS NOT NULL AND Xml IS NOT NULL";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                keys.TryAdd(reader.GetString(0), reader.GetString(1));
            }
        }

        using var transaction = postgres.BeginTransaction();
        var added = 0;
        foreach (var (name, xml) in keys)
        {
            using var insert = new NpgsqlCommand(
                $"INSERT INTO \"{CopyPlan.KeyTable}\" (\"FriendlyName\", \"Xml\") SELECT @name, @xml WHERE NOT EXISTS (SELECT 1 FROM \"{CopyPlan.KeyTable}\" WHERE \"FriendlyName\" = @name)",
                postgres, transaction);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("xml", xml);
            added += insert.ExecuteNonQuery();
        }

        transaction.Commit();
        using var present = new NpgsqlCommand($"SELECT count(DISTINCT \"FriendlyName\") FROM \"{CopyPlan.KeyTable}\" WHERE \"FriendlyName\" = ANY(@names)", postgres);
        present.Parameters.AddWithValue("names", keys.Keys.ToArray());
        var found = Convert.ToInt64(present.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (found != keys.Count)
        {
            throw new MigrationRefusedException($"Only {found} of the installation's {keys.Count} data-protection keys are in PostgreSQL after copying them.");
        }

        return (keys.Count, added);
    }
}
