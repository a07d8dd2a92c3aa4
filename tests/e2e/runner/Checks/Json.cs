using System.Text.Json;

namespace Bugsink.E2E.Checks;

// Lenient reads of event JSON: the SDKs send several legal shapes of the same field (PROTOCOL.md §9.9).
public static class Json
{
    public static JsonElement? Get(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Null ? null : element;
    }

    public static string? Str(JsonElement element, params string[] path) => Get(element, path) is { } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
        : null;

    // {"values": [...]} or a bare list.
    public static IReadOnlyList<JsonElement> Values(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.Array } list => [.. list.EnumerateArray()],
        { ValueKind: JsonValueKind.Object } wrapper when Get(wrapper, "values") is { ValueKind: JsonValueKind.Array } list => [.. list.EnumerateArray()],
        _ => [],
    };

    // {"key": "value"} or [["key", "value"], ...].
    public static IReadOnlyDictionary<string, string> Tags(JsonElement data)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Get(data, "tags"))
        {
            case { ValueKind: JsonValueKind.Object } map:
                foreach (var property in map.EnumerateObject())
                {
                    tags.TryAdd(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
                }

                break;
            case { ValueKind: JsonValueKind.Array } pairs:
                foreach (var pair in pairs.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() == 2))
                {
                    tags.TryAdd(pair[0].GetString() ?? "", pair[1].ValueKind == JsonValueKind.String ? pair[1].GetString()! : pair[1].GetRawText());
                }

                break;
        }

        return tags;
    }

    public static IReadOnlyList<JsonElement> Frames(JsonElement exception) =>
        Get(exception, "stacktrace", "frames") is { ValueKind: JsonValueKind.Array } frames ? [.. frames.EnumerateArray()] : [];

    // 32 lowercase hex digits, whatever form the SDK or the server used.
    public static string NormalizeId(string? id) => (id ?? "").Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
