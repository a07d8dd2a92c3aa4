using System.Diagnostics;
using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Features.Backup;

// `bugsink backup PATH`: snapshots every database of a (possibly running) installation, checks
// each copy, and writes one archive that appears at PATH only once it is complete and re-read.
public sealed class BackupWriter(string dataDir, SnapshotOptions snapshot, TextWriter log)
{
    // For tests: runs after each database is copied, to let the server move on in between.
    internal Action<string>? AfterCopy { get; init; }

    public BackupManifest Write(string targetPath)
    {
        var target = Path.GetFullPath(targetPath);
        var main = Path.Combine(dataDir, SiteOptions.MainDatabaseFile);
        if (!File.Exists(main))
        {
            throw new BackupException($"No Bugsink installation in {dataDir} (no bugsink.db); set BUGSINK_DATA_DIR or --Bugsink:DataDir.");
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new BackupException($"{target} already exists; give a new file name (backups are never overwritten).");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"Folder {folder} does not exist.");
        }

        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        var staging = partial + ".d";
        FileStream archive;
        try
        {
            archive = PrivateFiles.CreateFile(partial);
            PrivateFiles.CreateFolder(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new BackupException($"Cannot write in {folder}: {e.Message}", e);
        }

        try
        {
            using (archive)
            {
                var manifest = Snapshot(staging, out var files);
                BackupArchive.Write(archive, manifest, files);
                archive.Flush(flushToDisk: true);
            }

            var verified = BackupArchive.Verify(partial);
            File.Move(partial, target, overwrite: false);
            return verified;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new BackupException($"Backup failed: {e.Message}", e);
        }
        finally
        {
            File.Delete(partial);
            Directory.Delete(staging, recursive: true);
        }
    }

    private BackupManifest Snapshot(string staging, out List<(string Name, string Path)> files)
    {
        files = [];
        foreach (var name in BackupLayout.Databases)
        {
            var source = Path.Combine(dataDir, name);
            if (!File.Exists(source) && name == SiteOptions.JobsDatabaseFile)
            {
                // hangfire.db appears with the first server start; a CLI-only folder has none yet.
                log.WriteLine($"  {name}: not present, skipped");
                continue;
            }

            var copy = Path.Combine(staging, name);
            var clock = Stopwatch.StartNew();
            SqliteSnapshot.Copy(source, copy, snapshot);
            AfterCopy?.Invoke(name);
            var check = SqliteSnapshot.IntegrityCheck(copy);
            if (check != "ok")
            {
                throw new BackupException($"The copy of {name} failed integrity_check: {check}");
            }

            PrivateFiles.Restrict(copy);
            log.WriteLine($"  {name}: {new FileInfo(copy).Length / 1048576.0:F1} MB copied and checked in {clock.Elapsed.TotalSeconds:F1} s");
            files.Add((name, copy));
        }

        var keys = Path.Combine(dataDir, BackupLayout.KeysFolder);
        if (Directory.Exists(keys))
        {
            foreach (var key in Directory.GetFiles(keys).Order(StringComparer.Ordinal))
            {
                files.Add(($"{BackupLayout.KeysFolder}/{Path.GetFileName(key)}", key));
            }
        }

        var mainCopy = Path.Combine(staging, SiteOptions.MainDatabaseFile);
        var inboxCopy = Path.Combine(staging, SiteOptions.InboxDatabaseFile);
        return new BackupManifest(
            BackupManifest.CurrentFormat,
            BackupManifest.CurrentVersion,
            DateTimeOffset.UtcNow,
            dataDir,
            BackupManifest.LatestMigration(mainCopy),
            BackupManifest.Count(mainCopy, inboxCopy),
            [.. files.Select(f => BackupManifest.Describe(f.Name, f.Path))]);
    }
}
