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

            if (itemType == "user_report")
            {
                return Text(root, "comments") is { } comments ? new(Text(root, "name"), Text(root, "email"), comments, null) : null;
            }

            var feedback = root.TryGetProperty("contexts", out var contexts) && contexts.ValueKind == JsonValueKind.Object
                && contexts.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.Object ? f : (JsonElement?)null;
            return feedback is { } context && Text(context, "message") is { } message
                ? new(Text(context, "name"), Text(context, "contact_email"), message, Text(context, "url"))
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
