using System.CommandLine;
using System.Diagnostics;
using Bugsink.Web.Features.Backup;

namespace Bugsink.Web.Cli;

// `backup PATH`: a consistent .tar.gz of the data folder while the server runs (README "Backup and restore").
public static class BackupCommand
{
    public static Command Build()
    {
        var path = new Argument<string>("path") { Description = "The archive to write (.tar.gz); must not exist yet." };
        var method = new Option<SnapshotMethod>("--method") { Description = "backup (SQLite's online backup API, paced) or vacuum (VACUUM INTO).", DefaultValueFactory = _ => SnapshotMethod.Backup };
        var pages = new Option<int>("--pages-per-step") { Description = "Pages copied per step of the backup API.", DefaultValueFactory = _ => SnapshotOptions.Default.PagesPerStep };
        var pause = new Option<int>("--pause-ms") { Description = "Pause between steps, in milliseconds.", DefaultValueFactory = _ => (int)SnapshotOptions.Default.PauseBetweenSteps.TotalMilliseconds };
        var command = new Command("backup", "Write a consistent backup of the data folder (works while the server runs).") { path, method, pages, pause };
        command.SetAction(result =>
        {
            var dataDir = DataFolderLocator.Resolve([.. result.UnmatchedTokens]);
            Console.WriteLine($"Data folder: {dataDir}");
            var snapshot = new SnapshotOptions(result.GetValue(method), Math.Max(1, result.GetValue(pages)), TimeSpan.FromMilliseconds(Math.Max(0, result.GetValue(pause))));
            var clock = Stopwatch.StartNew();
            try
            {
                var manifest = new BackupWriter(dataDir, snapshot, Console.Out).Write(result.GetValue(path)!);
                var counts = manifest.Counts;
                Console.WriteLine($"Backup written and verified in {clock.Elapsed.TotalSeconds:F1} s: {Path.GetFullPath(result.GetValue(path)!)} " +
                    $"({counts.Projects} projects, {counts.Issues} issues, {counts.Events} events, {counts.InboxPending} not yet digested; migration {manifest.Migration}).");
                return 0;
            }
            catch (BackupException e)
            {
                Console.Error.WriteLine($"backup: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
