using Bugsink.Web.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Retention;

// The hourly age job (declared in RecurringJobs), run here directly.
[Collection(SequentialServers.Name)]
public sealed class RetentionByAgeTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EventsOlderThanTheLimit_AreDeleted_ProtectedOnesToo_WhileTotalsStay()
    {
        var now = TimeProvider.System.GetUtcNow();
        var limited = await _server.CreateProjectAsync("Ninety days");
        var unlimited = await _server.CreateProjectAsync("Forever");
        RetentionEvents.SetProject(_server, limited.Id, "RetentionMaxAgeDays = 90");
        foreach (var project in new[] { limited, unlimited })
        {
            for (var i = 0; i < 3; i++)
            {
                await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(Envelopes.NewEventId(), "OnlyOld", now.AddDays(-100).AddMinutes(i)));
            }

            await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(Envelopes.NewEventId(), "Mixed", now.AddDays(-95), attachment: "old log"));
            for (var i = 0; i < 3; i++)
            {
                await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(Envelopes.NewEventId(), "Mixed", now.AddDays(-1).AddMinutes(i), attachment: "new log"));
            }
        }

        await _server.WaitForDigestAsync();
        await _server.Services.GetRequiredService<EvictOldEventsJob>().RunAsync(CancellationToken.None);

        Assert.Equal(0, Events(limited, "Timestamp < $cutoff", now.AddDays(-90)));
        Assert.Equal(3, Events(limited, "1 = 1", now));
        Assert.Equal(7, Events(unlimited, "1 = 1", now));
        Assert.Equal(3, _server.Count("SELECT count(*) FROM EventAttachments WHERE ProjectId = $p", ("$p", limited.Id)));
        Assert.Equal(4, _server.Count("SELECT count(*) FROM EventAttachments WHERE ProjectId = $p", ("$p", unlimited.Id)));
        Assert.Equal(3 + 4, _server.Count("SELECT sum(EventCount) FROM Issues WHERE ProjectId = $p", ("$p", limited.Id)));
        Assert.Equal(0, _server.Count("SELECT StoredEventCount FROM Issues WHERE ProjectId = $p AND Type = 'OnlyOld'", ("$p", limited.Id)));
        Assert.Equal(3, _server.Count("SELECT StoredEventCount FROM Issues WHERE ProjectId = $p AND Type = 'Mixed'", ("$p", limited.Id)));
    }

    private long Events(TestProject project, string condition, DateTimeOffset cutoff) => _server.Count(
        $"SELECT count(*) FROM Events WHERE ProjectId = $p AND {condition}", ("$p", project.Id), ("$cutoff", cutoff.ToUnixTimeMilliseconds()));
}
