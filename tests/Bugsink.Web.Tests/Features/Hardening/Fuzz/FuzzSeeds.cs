using System.Text;
using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Hardening.Fuzz;

// What the mutations start from: every payload of the shared corpus as an event envelope, and the
// framing cases an SDK produces (implicit lengths, several items, attachments, sessions, reports).
public static class FuzzSeeds
{
    public static IReadOnlyList<FuzzEnvelope> Load()
    {
        var seeds = new List<FuzzEnvelope>();
        foreach (var file in SampleEvents.Files)
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject json)
            {
                continue;
            }

            var id = Envelopes.NewEventId();
            json["event_id"] = id;
            var payload = Encoding.UTF8.GetBytes(json.ToJsonString());
            seeds.Add(new FuzzEnvelope($"{{\"event_id\":\"{id}\"}}", [new FuzzItem("event", payload)]));
        }

        var eventId = Envelopes.NewEventId();
        var minimal = Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId));
        seeds.Add(new FuzzEnvelope($"{{\"event_id\":\"{eventId}\",\"sent_at\":\"2026-12-07T10:00:00Z\"}}", [new FuzzItem("event", minimal, ExplicitLength: false)]));
        seeds.Add(new FuzzEnvelope($"{{\"event_id\":\"{eventId}\"}}",
        [
            new FuzzItem("event", minimal),
            new FuzzItem("attachment", Encoding.UTF8.GetBytes("log line one\nlog line two\n"), ",\"filename\":\"app.log\",\"content_type\":\"text/plain\""),
            new FuzzItem("attachment", [0, 1, 2, 3, 255, 254, 10, 13], ",\"filename\":\"core.bin\",\"attachment_type\":\"event.minidump\""),
        ]));
        seeds.Add(new FuzzEnvelope("{}",
        [
            new FuzzItem("session", """{"sid":"7c7b6b3e2a4b4d5c9f0e1a2b3c4d5e6f","status":"ok","started":"2026-12-07T10:00:00Z"}"""u8.ToArray()),
            new FuzzItem("client_report", """{"timestamp":"2026-12-07T10:00:00Z","discarded_events":[{"reason":"queue_overflow","category":"error","quantity":3}]}"""u8.ToArray(), ExplicitLength: false),
        ]));
        seeds.Add(new FuzzEnvelope($"{{\"event_id\":\"{eventId}\"}}",
        [
            new FuzzItem("transaction", """{"type":"transaction","transaction":"GET /","start_timestamp":1733565600,"timestamp":1733565601,"spans":[]}"""u8.ToArray()),
            new FuzzItem("user_report", Encoding.UTF8.GetBytes($$"""{"event_id":"{{eventId}}","name":"Ann","email":"ann@example.com","comments":"It broke"}""")),
        ]));
        return seeds;
    }
}
