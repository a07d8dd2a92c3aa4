using System.Text.Json;

namespace Bugsink.Sentry.Events;

// What a person wrote, from either kind of feedback item (PROTOCOL.md §5.6): legacy `user_report`
// {event_id, name, email, comments}, or a new `feedback` event with contexts.feedback {message,
// contact_email, name, url}. Null when the payload holds no words at all (not JSON, or empty).
public sealed record FeedbackContent(string? Name, string? Email, string Comments, string? Url)
{
    public static FeedbackContent? Read(string itemType, ReadOnlySpan<byte> payload)
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

            // The same two holders FeedbackLink reads the event id from; the field names differ per kind.
            if (FeedbackLink.Holder(itemType, root) is not { } holder)
            {
                return null;
            }

            var legacy = itemType == "user_report";
            return Text(holder, legacy ? "comments" : "message") is { } comments
                ? new(Text(holder, "name"), Text(holder, legacy ? "email" : "contact_email"), comments, legacy ? null : Text(holder, "url"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
