using System.Text;
using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.Quotas;

// Attachments are their own quota category, counted in bytes (issue 19, finding 3): an attachment-only
// envelope over it answers 429 naming "attachment"; an event within its quota whose attachment is over
// keeps the event, drops the attachment and answers 200 naming the category, as Relay does.
[Collection(SequentialServers.Name)]
public sealed class AttachmentQuotaTests : IAsyncLifetime
{
    private const int AttachmentBytes = 10_000;

    // 10:20:30: the minute ends in 30 s.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 20, 30, TimeSpan.Zero));
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // The project's own setting, the default for projects, and the installation's: 25,000 bytes a minute each.
    [Theory]
    [InlineData("project", "", "project")]
    [InlineData("", "--Bugsink:Quotas:ProjectAttachmentBytesPerMinute=25000", "project")]
    [InlineData("", "--Bugsink:Quotas:AttachmentBytesPerMinute=25000", "organization")]
    public async Task AttachmentOnlyEnvelopes_OverTheQuota_Answer429NamingTheAttachmentCategory(string projectOwn, string setting, string scope)
    {
        await StartAsync(setting.Length > 0 ? [setting] : []);
        if (projectOwn.Length > 0)
        {
            RetentionEvents.SetProject(_server, _project.Id, "AttachmentQuotaBytesPerMinute = 25000");
        }

        var answers = new List<IngestAnswer>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await SendAsync(AttachmentOnly(Envelopes.NewEventId())));
        }

        Assert.Equal([200, 200, 429, 429, 429, 429, 429, 429, 429, 429], answers.Select(a => a.Status));
        var refused = answers[2];
        Assert.Equal("30", Header(refused, "Retry-After"));
        Assert.Equal($"30:attachment:{scope}", Header(refused, "X-Sentry-Rate-Limits"));
        RateLimitParsers.AssertAllRead(Header(refused, "X-Sentry-Rate-Limits"), new ParsedLimit(30, ["attachment"]));
        Assert.Contains("attachment quota", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await WaitForAttachmentsAsync(2);

        // A new minute has room again.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(200, (await SendAsync(AttachmentOnly(Envelopes.NewEventId()))).Status);
    }

    [Fact]
    public async Task EventWithinQuota_AttachmentOver_TheEventIsKeptTheAttachmentDropped_200NamesTheCategory()
    {
        await StartAsync("--Bugsink:Quotas:ProjectAttachmentBytesPerMinute=15000");
        Assert.Equal(200, (await SendAsync(AttachmentOnly(Envelopes.NewEventId()))).Status);
        var eventId = Envelopes.NewEventId();

        var answer = await SendAsync(EventWithAttachment(eventId));

        Assert.Equal(200, answer.Status);
        Assert.Equal(eventId, answer.Json.GetProperty("id").GetString());
        Assert.Equal("30:attachment:project", Header(answer, "X-Sentry-Rate-Limits"));
        RateLimitParsers.AssertAllRead(Header(answer, "X-Sentry-Rate-Limits"), new ParsedLimit(30, ["attachment"]));
        await _server.WaitForEventsAsync(eventId);
        await WaitForAttachmentsAsync(1);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM EventAttachments WHERE EventId = $id", ("$id", eventId)));
    }

    // Found merging the streaming framer: an attachment past 256 KiB is spooled to disk, its in-memory
    // payload is empty, and the quota counted 0 bytes for it, so large attachments escaped the quota.
    [Fact]
    public async Task SpooledAttachments_CountByTheirFullSize()
    {
        await StartAsync("--Bugsink:Quotas:ProjectAttachmentBytesPerMinute=1000000");
        var large = new byte[600_000];
        byte[] Envelope() => Envelopes.WithLengths(
            $$"""{"event_id":"{{Envelopes.NewEventId()}}"}""",
            ("""{"type":"attachment","filename":"big.bin"}""", large));

        Assert.Equal(200, (await SendAsync(Envelope())).Status);
        Assert.Equal(429, (await SendAsync(Envelope())).Status);
    }

    [Fact]
    public async Task EventQuotaAndAttachmentQuota_AreCountedApart()
    {
        // Plenty of events, room for one attachment: a refused attachment does not use up the event quota and vice versa.
        await StartAsync("--Bugsink:Quotas:ProjectAttachmentBytesPerMinute=10000", "--Bugsink:Quotas:ProjectPerMinute=3");
        var ids = Enumerable.Range(0, 3).Select(_ => Envelopes.NewEventId()).ToArray();

        var statuses = new List<int>();
        foreach (var id in ids)
        {
            statuses.Add((await SendAsync(EventWithAttachment(id))).Status);
        }

        Assert.Equal([200, 200, 200], statuses);
        await _server.WaitForEventsAsync(ids);
        await WaitForAttachmentsAsync(1);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM EventAttachments WHERE EventId = $id", ("$id", ids[0])));
        Assert.Equal(429, (await SendAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()))).Status);
    }

    private async Task StartAsync(params string[] args)
    {
        _server = await BugsinkTestServer.StartAsync(_time, args);
        _project = await _server.CreateProjectAsync("Attachments");
    }

    private static byte[] AttachmentOnly(string eventId) => Envelopes.WithLengths(
        $$"""{"event_id":"{{eventId}}"}""",
        ("""{"type":"attachment","filename":"dump.bin","content_type":"application/octet-stream"}""", new byte[AttachmentBytes]));

    private static byte[] EventWithAttachment(string eventId) => Envelopes.WithLengths(
        $$"""{"event_id":"{{eventId}}"}""",
        ("""{"type":"event"}""", Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId))),
        ("""{"type":"attachment","filename":"dump.bin","content_type":"application/octet-stream"}""", new byte[AttachmentBytes]));

    private Task<IngestAnswer> SendAsync(byte[] body) =>
        _server.Http.PostAsync($"/api/{_project.Id}/envelope/", body, IngestClient.AuthFor(_project));

    // Attachment-only envelopes have no event for WaitForDigestAsync to wait on.
    private Task WaitForAttachmentsAsync(long expected) => RetentionEvents.WaitUntilAsync(
        () => _server.Count("SELECT count(*) FROM EventAttachments") == expected && InboxAttachments() == 0,
        $"{expected} attachments are stored");

    private long InboxAttachments()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_server.DataDir, "inbox.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM inbox_attachments";
        return (long)command.ExecuteScalar()!;
    }

    private static string Header(IngestAnswer answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"no {name} header in the {answer.Status} answer");
}
