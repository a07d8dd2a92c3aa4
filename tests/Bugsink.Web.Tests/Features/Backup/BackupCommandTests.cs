using System.Runtime.Versioning;
using Bugsink.Web.Features.Backup;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Tests.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Backup;

// The commands' refusals and their one-line answers, run as an operator runs them (own process).
// File modes are checked as Unix modes: the project runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class BackupCommandTests : IAsyncLifetime
{
    private readonly string _root = RestoredData.Temp("backup-cli");

    private string DataDir => Path.Combine(_root, "data");

    private string Archive => Path.Combine(_root, "backup.tar.gz");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        // An installation, as the server's first start makes it: the CLI refuses a folder without one.
        await TestInstallation.CreateAsync(DataDir);

        var created = await BugsinkCli.RunAsync(DataDir, "create-project", "Backed up");
        Assert.True(created.ExitCode == 0, created.Output + created.Errors);
        // The key ring is made the first time something protects data; a backup must carry it.
        Directory.CreateDirectory(Path.Combine(DataDir, "keys"));
        await File.WriteAllTextAsync(Path.Combine(DataDir, "keys", "key-test.xml"), "<key id=\"test\"/>");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BackupThenRestore_IntoANewFolder_GivesBackProjectsAndKeysAsPrivateFiles()
    {
        var backup = await BugsinkCli.RunAsync(DataDir, "backup", Archive);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);
        Assert.Contains("1 projects", backup.Output, StringComparison.Ordinal);
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Archive));
        Assert.Empty(Directory.GetFileSystemEntries(_root, ".backup*"));

        var target = Path.Combine(_root, "restored");
        var restore = await BugsinkCli.RunAsync(target, "restore", Archive);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Errors);
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(target));
        foreach (var file in Directory.GetFiles(target, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        }

        Assert.Equal("<key id=\"test\"/>", await File.ReadAllTextAsync(Path.Combine(target, "keys", "key-test.xml")));
        Assert.Equal(1, Scalar(Path.Combine(target, "bugsink.db"), "SELECT count(*) FROM Projects WHERE Name = 'Backed up'"));
        // The restored folder is a working installation: another command runs against it.
        var more = await BugsinkCli.RunAsync(target, "create-project", "After restore");
        Assert.True(more.ExitCode == 0, more.Output + more.Errors);
    }

    [Fact]
    public async Task Backup_OfAFolderWithNoInstallation_FailsInOneLineAndCreatesNothing()
    {
        var missing = Path.Combine(_root, "nowhere");
        var result = await BugsinkCli.RunAsync(missing, "backup", Archive);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"backup: No Bugsink installation in {missing} (no bugsink.db); set BUGSINK_DATA_DIR or --Bugsink:DataDir.", result.Errors.Trim());
        Assert.False(Directory.Exists(missing));
        Assert.False(File.Exists(Archive));
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_RefusesAndLeavesItAlone()
    {
        await File.WriteAllTextAsync(Archive, "yesterday's backup");
        var result = await BugsinkCli.RunAsync(DataDir, "backup", Archive);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Errors, StringComparison.Ordinal);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(Archive));
    }

    [Theory]
    [InlineData("/proc/bugsink-backup.tar.gz")]
    [InlineData("no-such-folder/backup.tar.gz")]
    public async Task Backup_WhereNothingCanBeWritten_FailsInOneLine(string target)
    {
        var path = Path.IsPathRooted(target) ? target : Path.Combine(_root, target);
        var result = await BugsinkCli.RunAsync(DataDir, "backup", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Errors.Trim().Split('\n'));
        Assert.StartsWith("backup: ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_IntoANonEmptyFolder_RefusesWithoutForce_AndMovesItAsideWithForce()
    {
        Assert.Equal(0, (await BugsinkCli.RunAsync(DataDir, "backup", Archive)).ExitCode);
        var extra = await BugsinkCli.RunAsync(DataDir, "create-project", "Made after the backup");
        Assert.Equal(0, extra.ExitCode);

        var refused = await BugsinkCli.RunAsync(DataDir, "restore", Archive);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is not empty", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(2, Scalar(Path.Combine(DataDir, "bugsink.db"), "SELECT count(*) FROM Projects"));

        var forced = await BugsinkCli.RunAsync(DataDir, "restore", Archive, "--force");
        Assert.True(forced.ExitCode == 0, forced.Output + forced.Errors);
        Assert.Equal(1, Scalar(Path.Combine(DataDir, "bugsink.db"), "SELECT count(*) FROM Projects"));
        var aside = Assert.Single(Directory.GetDirectories(_root, "data.before-restore-*"));
        Assert.Equal(2, Scalar(Path.Combine(aside, "bugsink.db"), "SELECT count(*) FROM Projects"));
    }

    [Fact]
    public async Task Restore_OfATruncatedArchive_FailsBeforeWritingAnything()
    {
        Assert.Equal(0, (await BugsinkCli.RunAsync(DataDir, "backup", Archive)).ExitCode);
        var bytes = await File.ReadAllBytesAsync(Archive);
        await File.WriteAllBytesAsync(Archive + ".cut", bytes[..(bytes.Length / 2)]);
        var target = Path.Combine(_root, "from-cut");
        var result = await BugsinkCli.RunAsync(target, "restore", Archive + ".cut");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("restore: ", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetDirectories(_root, ".from-cut*"));
    }

    // A damaged database whose checksum was recomputed (as if it was damaged before it was archived):
    // integrity_check is what catches it.
    [Fact]
    public async Task Restore_OfAnArchiveWithACorruptDatabase_FailsTheIntegrityCheck()
    {
        Assert.Equal(0, (await BugsinkCli.RunAsync(DataDir, "backup", Archive)).ExitCode);
        var unpacked = Path.Combine(_root, "unpacked");
        Directory.CreateDirectory(unpacked);
        var manifest = BackupArchive.Verify(Archive, unpacked);
        var main = Path.Combine(unpacked, "bugsink.db");
        using (var file = File.Open(main, FileMode.Open))
        {
            // Page 3 onwards: b-tree pages of the schema's tables; garbage there is what a bad disk leaves.
            file.Position = 2 * 4096;
            file.Write(Enumerable.Repeat((byte)0x5A, 4096 * 4).ToArray());
        }

        var files = manifest.Files.Select(f => (f.Name, Path.Combine(unpacked, f.Name))).ToList();
        var damaged = manifest with { Files = [.. files.Select(f => BackupManifest.Describe(f.Name, f.Item2))] };
        var archive = Path.Combine(_root, "damaged.tar.gz");
        using (var output = File.Create(archive))
        {
            BackupArchive.Write(output, damaged, files);
        }

        var target = Path.Combine(_root, "from-damaged");
        var result = await BugsinkCli.RunAsync(target, "restore", archive);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("integrity_check", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
