using System.Collections.Concurrent;
using Bugsink.Web.Tests.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Backup;

// `bugsink backup` in its own process while a server (another process) ingests and digests with
// small batches, so the digest commits and deletes inbox rows throughout the copy. Every event
// acknowledged before the backup began is in the restore, exactly once.
[Collection(SequentialServers.Name)]
public sealed class BackupWhileIngestingTests
{
    [Fact]
    public async Task BackupDuringIngestAndDigest_RestoreHoldsEveryEventAcknowledgedBeforeItBegan()
    {
        await using var server = await ServerProcess.StartAsync("--Bugsink:Digest:BatchSize=20");
        var project = await server.CreateProjectAsync("Backup under load");
        server.Scalar("bugsink.db", "UPDATE Projects SET RetentionMaxEvents = 1000000");
        var before = new ConcurrentQueue<string>();
        Assert.Equal(0, await server.SendEventsAsync(project, 2000, 8, before, CancellationToken.None));

        using var stop = new CancellationTokenSource();
        var during = new ConcurrentQueue<string>();
        var sending = server.SendEventsAsync(project, int.MaxValue, 4, during, stop.Token);
        var archive = RestoredData.Temp("under-load") + ".tar.gz";
        var restored = RestoredData.Temp("under-load-restored");
        try
        {
            var backup = await BugsinkCli.RunAsync(server.DataDir, "backup", archive);
            await stop.CancelAsync();
            Assert.Equal(0, await sending);
            Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);
            Assert.True(!during.IsEmpty, "Nothing was ingested while the backup ran.");

            var restore = await BugsinkCli.RunAsync(restored, "restore", archive);
            Assert.True(restore.ExitCode == 0, restore.Output + restore.Errors);
            var found = RestoredData.EventIds(restored);
            ServerProcess.AssertExactlyOnce([.. before], found);
        }
        finally
        {
            File.Delete(archive);
            if (Directory.Exists(restored))
            {
                Directory.Delete(restored, recursive: true);
            }
        }
    }
}
