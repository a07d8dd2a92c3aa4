using System.Text;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Retention;

// Attachments under retention (issue 19, finding 3): those whose event never arrives are deleted after
// Bugsink:Retention:OrphanAttachmentMinutes, and a project's attachments are capped in bytes, oldest
// first, the protected events' attachments kept. Through the whole path: ingest, digest, the timer, the
// Hangfire job.
[Collection(SequentialServers.Name)]
public sealed class AttachmentRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private BugsinkTestServer _server = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AttachmentWhoseEventNeverArrives_IsDeleted_OnesWithTheirEventStay()
    {
        // 0.1 minutes: six seconds.
        _server = await BugsinkTestServer.StartAsync("--Bugsink:Retention:OrphanAttachmentMinutes=0.1");
        var project = await _server.CreateProjectAsync("Orphans");
        var orphan = Envelopes.NewEventId();
        var kept = Envelopes.NewEventId();
        var lateEvent = Envelopes.NewEventId();
        await RetentionEvents.SendAsync(_server, project, AttachmentOnly(orphan));
        await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(kept, "Kept", Start, attachment: "with its event"));
        // An attachment sent before its event, the event soon after (within the limit): it stays.
        await RetentionEvents.SendAsync(_server, project, AttachmentOnly(lateEvent));
        await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(lateEvent, "Late", Start));
        await _server.WaitForEventsAsync(kept, lateEvent);

        await RetentionEvents.WaitUntilAsync(() => Attachments(orphan) == 0, "the orphaned attachment is deleted", TimeSpan.FromSeconds(60));

        Assert.Equal(1, Attachments(kept));
        Assert.Equal(1, Attachments(lateEvent));
    }

    [Fact]
    public async Task ProjectOverItsAttachmentCap_LosesTheOldestFirst_NeverTheProtectedEventsAttachment()
    {
        _server = await BugsinkTestServer.StartAsync("--Bugsink:Retention:MaxAttachmentBytesPerProject=50000");
        var project = await _server.CreateProjectAsync("Capped attachments");
        var other = await _server.CreateProjectAsync("Other");
        // The first event opens the issue (protected) and carries 20,000 bytes; five more of 10,000 each follow, one at a time
        // so that their order is the order of storage. 70,000 bytes in all, 50,000 allowed.
        var opening = Envelopes.NewEventId();
        await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(opening, "Busy", Start, attachment: new string('p', 20_000)));
        var later = Enumerable.Range(0, 5).Select(_ => Envelopes.NewEventId()).ToArray();
        for (var i = 0; i < later.Length; i++)
        {
            await _server.WaitForEventsAsync(i == 0 ? opening : later[i - 1]);
            await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(later[i], "Busy", Start.AddMinutes(i + 1), attachment: new string('a', 10_000)));
        }

        // Another project's bytes do not count against this one.
        var elsewhere = Envelopes.NewEventId();
        await RetentionEvents.SendAsync(_server, other, RetentionEvents.Envelope(elsewhere, "Busy", Start, attachment: new string('o', 45_000)));
        await _server.WaitForEventsAsync([.. later, elsewhere]);

        await RetentionEvents.WaitUntilAsync(() => StoredBytes(project.Id) <= 50_000, "the project is under its attachment cap");

        // Eviction may run while the last ones are still being digested (and go 5% below the cap each time),
        // so how many went depends on timing; what went is always the oldest, never the opening event's.
        Assert.Equal(1, Attachments(opening));
        var kept = later.Select(Attachments).ToList();
        Assert.True(kept.Order().SequenceEqual(kept), "not the oldest were evicted: " + string.Join(",", kept));
        Assert.Equal(0, kept[0]);
        Assert.Equal(1, kept[^1]);
        Assert.InRange(StoredBytes(project.Id), 40_000, 50_000);
        // Attachments go, their events stay.
        Assert.Equal(6, _server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", project.Id)));
        Assert.Equal(1, Attachments(elsewhere));
    }

    private static byte[] AttachmentOnly(string eventId) => Envelopes.WithLengths(
        $$"""{"event_id":"{{eventId}}"}""",
        ("""{"type":"attachment","filename":"early.log","content_type":"text/plain"}""", Encoding.UTF8.GetBytes("sent before (or without) its event")));

    private long Attachments(string eventId) => _server.Count("SELECT count(*) FROM EventAttachments WHERE EventId = $e", ("$e", eventId));

    private long StoredBytes(long projectId) =>
        _server.Count("SELECT ifnull(sum(length(Data)), 0) FROM EventAttachments WHERE ProjectId = $p", ("$p", projectId));
}
