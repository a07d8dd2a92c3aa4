using System.Globalization;
using System.Text.Json;
using Bugsink.Web.Features.Ingest;

namespace Bugsink.Web.Features.Projects;

// "Send a test event" on the project page: one small message event handed to the inbox exactly like
// an SDK's, so it travels the real path (inbox, digest, grouping, alerts) and shows that all of it works.
public sealed class TestEventSender(InboxWriter inbox, TimeProvider time)
{
    public const string Message = "Test event sent from the Bugsink project page";

    public async Task<string> SendAsync(long projectId, string userName)
    {
        var eventId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["event_id"] = eventId,
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["platform"] = "other",
            ["level"] = "info",
            ["logger"] = "bugsink.test",
            ["logentry"] = new Dictionary<string, string> { ["message"] = Message },
            ["tags"] = new Dictionary<string, string> { ["sent_by"] = userName },
        });
        var inboxEvent = new InboxEvent(projectId, eventId, now, null, PayloadCompression.Compress(payload), payload.Length);
        await inbox.WriteAsync(new InboxWrite(inboxEvent, []));
        return eventId;
    }
}
