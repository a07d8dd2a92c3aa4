using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bugsink.Web.Cli;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Backup;

// manifest.json, the first entry of every archive: what made it, which schema it holds, what it
// contains (so an operator can tell two backups apart without restoring them), and a SHA-256 of
// every other entry, which restore checks before it writes anything.
public sealed record BackupManifest(
    string Format,
    string BugsinkVersion,
    DateTimeOffset CreatedAt,
    string SourceDataDir,
    string? Migration,
    BackupCounts Counts,
    IReadOnlyList<BackupFileEntry> Files)
{
    public const string CurrentFormat = "bugsink-backup/1";
    public const string EntryName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string CurrentVersion => BuildVersion.Informational;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest Parse(byte[] json) =>
        JsonSerializer.Deserialize<BackupManifest>(json, Json) ?? throw new JsonException("The manifest is empty.");

    public static string? LatestMigration(string mainDatabase)
    {
        using var connection = SqliteSnapshot.OpenUnpooled(mainDatabase, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1";
        return command.ExecuteScalar() as string;
    }

    // Read from the copies, not the live files: the counts describe what a restore gives back.
    public static BackupCounts Count(string mainDatabase, string inboxDatabase)
    {
        using var main = SqliteSnapshot.OpenUnpooled(mainDatabase, SqliteOpenMode.ReadWrite);
        var watermark = Scalar(main, "SELECT ifnull((SELECT LastInboxEventId FROM DigestProgress WHERE Id = 1), 0)");
        using var inbox = SqliteSnapshot.OpenUnpooled(inboxDatabase, SqliteOpenMode.ReadWrite);
        using var pending = inbox.CreateCommand();
        pending.CommandText = "SELECT count(*) FROM inbox_events WHERE id > $w";
        pending.Parameters.AddWithValue("$w", watermark);
        return new BackupCounts(
            Scalar(main, "SELECT count(*) FROM Projects"),
            Scalar(main, "SELECT count(*) FROM Issues"),
            Scalar(main, "SELECT count(*) FROM Events"),
            (long)pending.ExecuteScalar()!);
    }

    public static BackupFileEntry Describe(string name, string path)
    {
        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new BackupFileEntry(name, stream.Length, hash);
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}

// InboxPending: acknowledged events not yet digested; the restored server digests them.
public sealed record BackupCounts(long Projects, long Issues, long Events, long InboxPending);

public sealed record BackupFileEntry(string Name, long Bytes, string Sha256);
