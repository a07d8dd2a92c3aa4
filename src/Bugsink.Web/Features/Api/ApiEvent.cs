using System.Text.Json;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.SourceMaps.Symbolication;

namespace Bugsink.Web.Features.Api;

// Data is the event as the SDK sent it: a JSON object, or a string when the payload was not valid JSON.
// JavaScript frames resolved with uploaded source maps come as Sentry gives them: stacktrace resolved,
// raw_stacktrace as sent (the "Raw JSON" download keeps the exact bytes).
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
    public static ApiEvent From(StoredEvent stored) => From(stored, null);

    public static ApiEvent From(StoredEvent stored, byte[]? symbolicated) => new(
        stored.Id,
        stored.EventId,
        stored.IssueId,
        stored.Timestamp,
        stored.IngestedAt,
        stored.Release,
        stored.Environment,
        symbolicated is null ? DataOf(stored) : JsonSerializer.Deserialize<JsonElement>(symbolicated));

    // The stored payload's JavaScript frames resolved, or null when there was nothing to resolve.
    public static async Task<byte[]?> SymbolicateAsync(StoredEvent stored, EventSymbolicator symbolicator, CancellationToken cancellationToken) =>
        stored.IsParsable
            ? (await symbolicator.ResolveAsync(stored.ProjectId, PayloadCompression.Decompress(stored.Payload, stored.PayloadSize), cancellationToken))?.Json
            : null;

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
