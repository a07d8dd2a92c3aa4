using Bugsink.Web.Features.Backup;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Backup;

// Issue 20, 1: no event is both or neither in a backup's inbox.db and bugsink.db. The digest runs
// exactly between the first and the second database copy, the worst moment: every waiting event
// moves from the inbox to the main database (and is deleted from the inbox) while the backup is
// half-way. Copying inbox.db first keeps them all; the opposite order loses every one.
[Collection(SequentialServers.Name)]
public sealed class BackupConsistencyTests
{
    private const int Events = 300;

    [Fact]
    public async Task DigestBetweenTheCopies_RestoreHoldsEveryAcknowledgedEventExactlyOnce()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Digest:Paused=true");
        var project = await server.CreateProjectAsync("Backup consistency");
        var acked = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            var id = Envelopes.NewEventId();
            var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(id), IngestClient.AuthFor(project));
            Assert.Equal(200, answer.Status);
            acked.Add(id);
        }

        var copied = new List<string>();
        var writer = new BackupWriter(server.DataDir, SnapshotOptions.Default, TextWriter.Null)
        {
            AfterCopy = name =>
            {
                copied.Add(name);
                if (copied.Count == 1)
                {
                    // The real digest job, run to completion: events and watermark committed, inbox rows deleted.
                    ActivatorUtilities.CreateInstance<DigestJob>(server.Services).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
            },
        };
        var archive = RestoredData.Temp("consistency") + ".tar.gz";
        var restored = RestoredData.Temp("consistency-restored");
        try
        {
            var manifest = writer.Write(archive);
            Assert.Equal(Events, server.Count("SELECT count(*) FROM Events"));
            new BackupRestorer(restored, TextWriter.Null).Restore(archive, force: false);

            var found = RestoredData.EventIds(restored);
            var lost = acked.Where(id => !found.ContainsKey(id)).ToList();
            Assert.True(lost.Count == 0, $"copied in the order {string.Join(", ", copied)}: {lost.Count} of {Events} acknowledged events are in neither file");
            Assert.All(found, pair => Assert.Equal(1, pair.Value));
            Assert.Equal(Events, manifest.Counts.Events + manifest.Counts.InboxPending);
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
