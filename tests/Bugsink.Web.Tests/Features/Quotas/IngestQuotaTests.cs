using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.Quotas;

// The quota windows on a fake clock: fixed UTC minute, hour and calendar month.
[Collection(SequentialServers.Name)]
public sealed class IngestQuotaTests : IAsyncLifetime
{
    // The minute ends in 30 s, the hour in 39 min 30 s.
    private static readonly DateTimeOffset MidMonth = new(2026, 3, 15, 10, 20, 30, TimeSpan.Zero);

    // Three seconds before the minute, the hour and the month end (a fake clock only moves forward).
    private static readonly DateTimeOffset MonthEnd = new(2026, 3, 31, 23, 59, 57, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(MidMonth);
    private BugsinkTestServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task PerMinute_RefusesUntilTheMinuteEnds_AndRefusalsCountNowhere()
    {
        _time.SetUtcNow(MonthEnd);
        var (quota, project) = await StartAsync("QuotaPerMinute = 3");

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(quota.TryAccept(project)));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal([new RateLimit(3, RateLimit.ProjectScope)], quota.TryAccept(project));
        }

        Assert.Equal((3, 3, 3), quota.Usage(project));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(quota.TryAccept(project)));
        Assert.NotNull(quota.TryAccept(project));
    }

    [Fact]
    public async Task SeveralFullWindows_TheOneEndingLastDecides()
    {
        var (quota, project) = await StartAsync("QuotaPerMinute = 1, QuotaPerHour = 1");

        Assert.Null(quota.TryAccept(project));

        Assert.Equal([new RateLimit((39 * 60) + 30, RateLimit.ProjectScope)], quota.TryAccept(project));
    }

    [Fact]
    public async Task PerMonth_EndsWithTheCalendarMonth()
    {
        _time.SetUtcNow(MonthEnd);
        var (quota, project) = await StartAsync("QuotaPerMonth = 2");
        Assert.Null(quota.TryAccept(project));
        Assert.Null(quota.TryAccept(project));

        Assert.Equal([new RateLimit(3, RateLimit.ProjectScope)], quota.TryAccept(project));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(quota.TryAccept(project));
    }

    [Fact]
    public async Task InstallationLimit_CoversAllProjects_AsTheOrganization()
    {
        _time.SetUtcNow(MonthEnd);
        var (quota, first) = await StartAsync("QuotaPerMinute = NULL", "--Bugsink:Quotas:InstallationPerMinute=2", "--Bugsink:Quotas:InstallationPerHour=100");
        var second = (await _server!.CreateProjectAsync("Second")).Id;

        Assert.Null(quota.TryAccept(first));
        Assert.Null(quota.TryAccept(second));

        Assert.Equal([new RateLimit(3, RateLimit.OrganizationScope)], quota.TryAccept(second));
        Assert.Equal((2, 2, 2), quota.Usage(null));
    }

    [Fact]
    public async Task AfterARestart_TheHourAndMonthRememberWhatWasDigested()
    {
        _server = await BugsinkTestServer.StartAsync(_time);
        var project = (await _server.CreateProjectAsync("Restarted")).Id;
        RetentionEvents.SetProject(_server, project, "QuotaPerHour = 6, QuotaPerMonth = 100");
        var hour = _time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        _server.Count("INSERT INTO ProjectHourlyCounts (ProjectId, Hour, Count) VALUES ($p, $h, 5), ($p, $h - 24, 90); SELECT 1", ("$p", project), ("$h", hour));
        var quota = _server.Services.GetRequiredService<IngestQuota>();

        Assert.Null(quota.TryAccept(project));
        Assert.Equal([new RateLimit((39 * 60) + 30, RateLimit.ProjectScope)], quota.TryAccept(project));
        Assert.Equal((1, 6, 96), quota.Usage(project));
    }

    private async Task<(IngestQuota Quota, long ProjectId)> StartAsync(string projectQuotas, params string[] args)
    {
        _server = await BugsinkTestServer.StartAsync(_time, args);
        var project = await _server.CreateProjectAsync("Quota");
        RetentionEvents.SetProject(_server, project.Id, projectQuotas);
        return (_server.Services.GetRequiredService<IngestQuota>(), project.Id);
    }
}
