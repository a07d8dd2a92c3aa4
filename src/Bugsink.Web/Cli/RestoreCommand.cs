using System.CommandLine;
using Bugsink.Web.Features.Backup;

namespace Bugsink.Web.Cli;

// `restore PATH [--force]`: puts a backup archive in place as the data folder, after checking all of it.
public static class RestoreCommand
{
    public static Command Build()
    {
        var path = new Argument<string>("path") { Description = "The archive written by `bugsink backup`." };
        var force = new Option<bool>("--force") { Description = "Restore even if the data folder is not empty (its contents are moved aside). Stop the server first." };
        var command = new Command("restore", "Restore a backup into an empty or new data folder.") { path, force };
        command.SetAction(result =>
        {
            var dataDir = DataFolderLocator.Resolve([.. result.UnmatchedTokens]);
            Console.WriteLine($"Data folder: {dataDir}");
            try
            {
                var manifest = new BackupRestorer(dataDir, Console.Out).Restore(result.GetValue(path)!, result.GetValue(force));
                var counts = manifest.Counts;
                Console.WriteLine($"Restored the backup of {manifest.CreatedAt:u} (Bugsink {manifest.BugsinkVersion}, migration {manifest.Migration}): " +
                    $"{counts.Projects} projects, {counts.Issues} issues, {counts.Events} events, {counts.InboxPending} to digest at the next start.");
                return 0;
            }
            catch (BackupException e)
            {
                Console.Error.WriteLine($"restore: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
