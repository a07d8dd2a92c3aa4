using Bugsink.Web.Infrastructure.Jobs;
using Bugsink.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;

namespace Bugsink.Web.Tests.Features.Retention;

// Retention by age and the vacuum run on Hangfire timers, declared in Infrastructure/Jobs/RecurringJobs.cs.
[Collection(SequentialServers.Name)]
public sealed class RecurringJobsTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void AgeRetentionAndVacuum_AreScheduled()
    {
        using var connection = JobStorage.Current.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(job => job.Id, job => job.Cron, StringComparer.Ordinal);

        Assert.Equal(Cron.Hourly(), jobs["retention-by-age"]);
        Assert.Equal(RecurringJobs.EveryFiveMinutes, jobs["vacuum-main-database"]);
    }
}
