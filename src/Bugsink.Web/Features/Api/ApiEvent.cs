using System.Text.Json;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Issues;

namespace Bugsink.Web.Features.Api;

// Data is the event as the SDK sent it: a JSON object, or a string when the payload was not valid JSON.
public sealed record ApiEvent(
    long Id,
    string EventId,
    long Issue,
    DateTimeOffset Timestamp,
    DateTimeOffset IngestedAt,
    string? Release,
    string? Environment,
    JsonElement Data)
{
    public static ApiEvent From(StoredEvent stored) => new(
        stored.Id,
        stored.EventId,
        stored.IssueId,
        stored.Timestamp,
        stored.IngestedAt,
        stored.Release,
        stored.Environment,
        DataOf(stored));

    private static JsonElement DataOf(StoredEvent stored)
    {
        var payload = PayloadCompression.Decompress(stored.Payload, stored.PayloadSize);
        if (stored.IsParsable)
        {
            try
            {
                return JsonSerializer.Deserialize<JsonElement>(payload);
            }
            catch (JsonException)
            {
                // Marked parsable but not JSON after all: show it as text like any unparsable payload.
            }
        }

        return JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(payload));
    }
}
