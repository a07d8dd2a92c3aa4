using System.Text.Json;

namespace Bugsink.Sentry.Events;

// User feedback arrives as its own item, often in its own envelope, and names the event it is about
// inside its payload: legacy "user_report" items carry "event_id", new "feedback" items carry
// "contexts.feedback.associated_event_id" (PROTOCOL.md §5.6). Null when it names none.
public static class FeedbackLink
{
    public static string? FindAssociatedEventId(string itemType, ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var holder = Holder(itemType, root);
            var idName = itemType == "user_report" ? "event_id" : "associated_event_id";
            return holder is { } h && h.TryGetProperty(idName, out var id) && id.ValueKind == JsonValueKind.String
                ? EventIdParser.Normalize(id.GetString() ?? "")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The object that holds what the person wrote and the event id: the item itself for `user_report`, its
    // contexts.feedback for `feedback`; null when a `feedback` item has none.
    internal static JsonElement? Holder(string itemType, JsonElement root) =>
        itemType == "user_report"
            ? root
            : root.TryGetProperty("contexts", out var contexts) && contexts.ValueKind == JsonValueKind.Object
              && contexts.TryGetProperty("feedback", out var feedback) && feedback.ValueKind == JsonValueKind.Object
                ? feedback
                : null;
}
