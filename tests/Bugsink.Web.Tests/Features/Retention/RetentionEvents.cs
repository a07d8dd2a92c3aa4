using System.Globalization;
using System.Text;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Retention;

// Events for the retention tests: the issue is chosen by the exception type, the age by an explicit
// timestamp (eviction and age limits go by the event's own timestamp), optionally with an attachment.
public static class RetentionEvents
{
    public static string Payload(string eventId, string issue, DateTimeOffset timestamp, int padding = 0) =>
        $$$"""{"event_id":"{{{eventId}}}","timestamp":{{{(timestamp.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)}}},"platform":"csharp","level":"error","exception":{"values":[{"type":"{{{issue}}}","value":"retention test"}]},"extra":{"padding":"{{{Padding(padding)}}}"}}""";

    // Random hex: compresses about as well as real event data does (half), unlike a run of one letter.
    private static string Padding(int length) => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    public static byte[] Envelope(string eventId, string issue, DateTimeOffset timestamp, string? attachment = null, int padding = 0)
    {
        var payload = Encoding.UTF8.GetBytes(Payload(eventId, issue, timestamp, padding));
        return attachment is null
            ? Envelopes.WithLengths($$"""{"event_id":"{{eventId}}"}""", ("""{"type":"event"}""", payload))
            : Envelopes.WithLengths(
                $$"""{"event_id":"{{eventId}}"}""",
                ("""{"type":"event"}""", payload),
                ("""{"type":"attachment","filename":"app.log","content_type":"text/plain"}""", Encoding.UTF8.GetBytes(attachment)));
    }

    public static async Task SendAsync(BugsinkTestServer server, TestProject project, byte[] envelope)
    {
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", envelope, IngestClient.AuthFor(project));
        Assert.True(answer.Status == 200, $"ingest answered {answer.Status}: {answer.Body}");
    }

    // Sends many envelopes over a few connections at once (the order of arrival is not the test's concern).
    public static async Task SendAllAsync(BugsinkTestServer server, TestProject project, IReadOnlyList<byte[]> envelopes, int connections = 8)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < envelopes.Count; i = Interlocked.Increment(ref next))
            {
                await SendAsync(server, project, envelopes[i]);
            }
        }));
    }

    public static void SetProject(BugsinkTestServer server, long projectId, string assignments) =>
        server.Count($"UPDATE Projects SET {assignments} WHERE Id = $id; SELECT changes();", ("$id", projectId));

    // Eviction runs in the background once the watchdog sees a project over its cap.
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(100);
        }
    }
}
