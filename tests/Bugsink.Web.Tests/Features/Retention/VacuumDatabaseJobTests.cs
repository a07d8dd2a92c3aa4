using Bugsink.Web.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Retention;

[Collection(SequentialServers.Name)]
public sealed class VacuumDatabaseJobTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await BugsinkTestServer.StartAsync("--Bugsink:Retention:VacuumKeepFreePages=16", "--Bugsink:Retention:VacuumStepPages=64");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ADatabaseWithoutAutoVacuum_IsConvertedByTheFirstRun()
    {
        // What an installation from before incremental mode has: a full VACUUM turns it back to "none".
        _server.Count("PRAGMA auto_vacuum = NONE; VACUUM; SELECT 0;");
        Assert.Equal(0, AutoVacuumMode());
        // Only an empty file is prepared at start-up; one with tables is left to the job.
        IncrementalAutoVacuum.PrepareEmptyDatabase(_server.MainDatabasePath);
        Assert.Equal(0, AutoVacuumMode());

        await _server.Services.GetRequiredService<VacuumDatabaseJob>().RunAsync(CancellationToken.None);

        Assert.Equal(2, AutoVacuumMode());
    }

    // From a fresh connection: a pooled one may remember the header from before another's VACUUM.
    private long AutoVacuumMode()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_server.MainDatabasePath};Pooling=False");
        connection.Open();
        return IncrementalAutoVacuum.ReadMode(connection);
    }

    [Fact]
    public async Task EvictedSpace_GoesBackToTheFileSystem_InSmallSteps()
    {
        var vacuum = _server.Services.GetRequiredService<VacuumDatabaseJob>();
        // Made incremental before migrations created the first table: no vacuum run was needed for that.
        Assert.Equal(2, AutoVacuumMode());

        var project = await _server.CreateProjectAsync("Vacuumed");
        var start = TimeProvider.System.GetUtcNow();
        await RetentionEvents.SendAllAsync(_server, project, [.. Enumerable.Range(0, 1500).Select(i =>
            RetentionEvents.Envelope(Envelopes.NewEventId(), "Big", start.AddSeconds(i), padding: 6000))]);
        await _server.WaitForDigestAsync();
        var pagesBefore = _server.Count("PRAGMA page_count");

        RetentionEvents.SetProject(_server, project.Id, "RetentionMaxEvents = 100");
        await _server.Services.GetRequiredService<EvictEventsJob>().RunAsync(CancellationToken.None);
        Assert.InRange(_server.Count("SELECT count(*) FROM Events"), 1, 100);
        var freeBefore = _server.Count("PRAGMA freelist_count");
        Assert.True(freeBefore > 1000, $"only {freeBefore} free pages after evicting 1,400 events of ~6 KB");

        await vacuum.RunAsync(CancellationToken.None);

        Assert.InRange(_server.Count("PRAGMA freelist_count"), 0, 16);
        Assert.True(_server.Count("PRAGMA page_count") < pagesBefore - freeBefore + 100, "the file did not shrink by its free pages");
    }
}
