using System.Text;
using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.Quotas;

// What an SDK sees over quota: 429 with Retry-After and X-Sentry-Rate-Limits when nothing was kept,
// 200 naming the limited categories when other items were (PROTOCOL.md §7.4).
[Collection(SequentialServers.Name)]
public sealed class QuotaResponseTests : IAsyncLifetime
{
    private const string EventCategories = "default;error;security;attachment;feedback";

    // 10:20:30: the minute ends in 30 s, the hour in 39 min 30 s.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 20, 30, TimeSpan.Zero));
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OverQuota_Envelope_Answers429WithHeadersEverySdkReads()
    {
        await StartAsync();
        Assert.Equal(200, (await SendAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()))).Status);

        var refused = await SendAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()));

        Assert.Equal(429, refused.Status);
        Assert.Equal("30", Header(refused, "Retry-After"));
        Assert.Equal("30::project", Header(refused, "X-Sentry-Rate-Limits"));
        RateLimitParsers.AssertAllRead(Header(refused, "X-Sentry-Rate-Limits"), new ParsedLimit(30, []));
        Assert.Contains("x-sentry-rate-limits", Header(refused, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        Assert.Contains("quota", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _server.WaitForDigestAsync();
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events"));
    }

    [Fact]
    public async Task OverQuota_LegacyStore_Answers429()
    {
        await StartAsync();
        Assert.Equal(200, (await SendAsync(Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(Envelopes.NewEventId())), "store")).Status);

        var refused = await SendAsync(Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(Envelopes.NewEventId())), "store");

        Assert.Equal(429, refused.Status);
        Assert.Equal("30", Header(refused, "Retry-After"));
        RateLimitParsers.AssertAllRead(Header(refused, "X-Sentry-Rate-Limits"), new ParsedLimit(30, []));
    }

    [Fact]
    public async Task OverQuota_WithOtherItemsKept_Answers200AndNamesTheLimitedCategories()
    {
        await StartAsync();
        Assert.Equal(200, (await SendAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()))).Status);
        var eventId = Envelopes.NewEventId();
        var envelope = Envelopes.WithLengths(
            $$"""{"event_id":"{{eventId}}"}""",
            ("""{"type":"event"}""", Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId))),
            ("""{"type":"client_report"}""", """{"timestamp":1773570030,"discarded_events":[{"reason":"queue_overflow","category":"error","quantity":1}]}"""u8.ToArray()));

        var answer = await SendAsync(envelope);

        Assert.Equal(200, answer.Status);
        Assert.Null(Header(answer, "Retry-After", optional: true));
        Assert.Equal($"30:{EventCategories}:project", Header(answer, "X-Sentry-Rate-Limits"));
        RateLimitParsers.AssertAllRead(Header(answer, "X-Sentry-Rate-Limits"), new ParsedLimit(30, EventCategories.Split(';')));
        await _server.WaitForDigestAsync();
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id", ("$id", eventId)));
    }

    [Theory]
    [InlineData("QuotaPerMinute = 1", "--Bugsink:Quotas:InstallationPerHour=1", "30::project, 2370::organization")]
    [InlineData("QuotaPerMinute = NULL, QuotaPerHour = 1", "--Bugsink:Quotas:InstallationPerMinute=1", "30::organization, 2370::project")]
    public async Task ProjectAndInstallationFull_BothAreNamed_TheLongerLastAndInRetryAfter(string projectQuota, string installationQuota, string expected)
    {
        await StartAsync(installationQuota);
        RetentionEvents.SetProject(_server, _project.Id, projectQuota);
        Assert.Equal(200, (await SendAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()))).Status);

        var refused = await SendAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()));

        Assert.Equal(429, refused.Status);
        Assert.Equal("2370", Header(refused, "Retry-After"));
        var header = Header(refused, "X-Sentry-Rate-Limits");
        Assert.Equal(expected, header);
        RateLimitParsers.AssertAllRead(header, new ParsedLimit(30, []), new ParsedLimit(2370, []));
        Assert.Equal(2370, RateLimitParsers.SecondsForAll(RateLimitParsers.Dotnet(header), lastWins: false));
        Assert.Equal(2370, RateLimitParsers.SecondsForAll(RateLimitParsers.Python(header, out _), lastWins: true));
        Assert.Equal(2370, RateLimitParsers.SecondsForAll(RateLimitParsers.JavaScript(header, out _), lastWins: true));
    }

    private async Task StartAsync(params string[] args)
    {
        _server = await BugsinkTestServer.StartAsync(_time, args);
        _project = await _server.CreateProjectAsync("Limited");
        RetentionEvents.SetProject(_server, _project.Id, "QuotaPerMinute = 1");
    }

    private Task<IngestAnswer> SendAsync(byte[] body, string endpoint = "envelope") =>
        _server.Http.PostAsync($"/api/{_project.Id}/{endpoint}/", body, IngestClient.AuthFor(_project));

    private static string Header(IngestAnswer answer, string name) => Header(answer, name, optional: false)!;

    private static string? Header(IngestAnswer answer, string name, bool optional)
    {
        var found = answer.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
        Assert.True(optional || found is not null, $"no {name} header in the {answer.Status} answer");
        return found;
    }
}
