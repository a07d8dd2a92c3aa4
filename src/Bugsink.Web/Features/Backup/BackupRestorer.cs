using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Backup;

// `bugsink restore PATH [--force]`: unpacks an archive into a private folder beside the data
// folder, checks it completely (manifest, checksums, integrity_check, schema), and only then puts
// it in place with a rename. A data folder that holds anything is refused unless forced, and even
// then it is moved aside, not deleted.
public sealed class BackupRestorer(string dataDir, TextWriter log)
{
    public BackupManifest Restore(string archivePath, bool force)
    {
        var archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            throw new BackupException($"No backup archive at {archive}.");
        }

        RefuseNonEmpty(force);
        var parent = Path.GetDirectoryName(dataDir)!;
        if (!Directory.Exists(parent))
        {
            throw new BackupException($"Folder {parent} (where the data folder {dataDir} goes) does not exist.");
        }

        var staging = Path.Combine(parent, $".{Path.GetFileName(dataDir)}.restore-{Guid.NewGuid():N}");
        try
        {
            PrivateFiles.CreateFolder(staging);
            var manifest = BackupArchive.Verify(archive, staging);
            Check(manifest, staging);
            // Checked again: a server or another restore may have written there meanwhile.
            RefuseNonEmpty(force);
            PutInPlace(staging);
            return manifest;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new BackupException($"Restore failed, nothing was changed in {dataDir}: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private void RefuseNonEmpty(bool force)
    {
        if (!force && Directory.Exists(dataDir) && Directory.EnumerateFileSystemEntries(dataDir).Any())
        {
            throw new BackupException($"{dataDir} is not empty; restore into an empty or new folder, or stop the server and add --force (the old contents are moved aside).");
        }
    }

    private static void Check(BackupManifest manifest, string staging)
    {
        foreach (var name in BackupLayout.Databases.Where(n => manifest.Files.Any(f => f.Name == n)))
        {
            var check = SqliteSnapshot.IntegrityCheck(Path.Combine(staging, name));
            if (check != "ok")
            {
                throw new BackupException($"{name} in the archive failed integrity_check: {check}");
            }
        }

        var main = Path.Combine(staging, SiteOptions.MainDatabaseFile);
        if (!File.Exists(main) || !File.Exists(Path.Combine(staging, SiteOptions.InboxDatabaseFile)))
        {
            throw new BackupException("The archive holds no bugsink.db or no inbox.db.");
        }

        var migration = BackupManifest.LatestMigration(main);
        if (migration != manifest.Migration)
        {
            throw new BackupException($"bugsink.db's latest migration is {migration}, the manifest says {manifest.Migration}; the archive is inconsistent.");
        }

        // A newer schema than this binary knows would start, half-understood; restore with that version instead.
        var known = LatestKnownMigration();
        if (migration is not null && string.CompareOrdinal(migration, known) > 0)
        {
            throw new BackupException($"The backup was made by Bugsink {manifest.BugsinkVersion} with migration {migration}, newer than this version's {known}; restore it with that version or later.");
        }
    }

    private void PutInPlace(string staging)
    {
        if (Directory.Exists(dataDir))
        {
            if (Directory.EnumerateFileSystemEntries(dataDir).Any())
            {
                var aside = $"{dataDir}.before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}";
                Directory.Move(dataDir, aside);
                log.WriteLine($"The previous contents of {dataDir} are now in {aside}.");
            }
            else
            {
                Directory.Delete(dataDir);
            }
        }

        Directory.Move(staging, dataDir);
    }

    // The newest migration this binary carries, as EF Core lists them (no database is opened for this).
    private static string? LatestKnownMigration()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().Max(StringComparer.Ordinal);
    }
}
