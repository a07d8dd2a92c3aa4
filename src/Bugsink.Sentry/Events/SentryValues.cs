using System.Text.Json;

namespace Bugsink.Sentry.Events;

// `exception`, `threads` and `breadcrumbs` come as a bare array, as {"values": [...]}, as a single object
// (legacy), or as {} meaning absent (Relay's Values::from_value). This flattens all of them.
internal static class SentryValues
{
    public static List<JsonElement> Items(JsonElement? container)
    {
        var items = new List<JsonElement>();
        if (container is not { } value)
        {
            return items;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("values"u8, out var values))
            {
                value = values;
            }
            else
            {
                if (HasAnyProperty(value))
                {
                    items.Add(value);
                }

                return items;
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    items.Add(item);
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            items.Add(value);
        }

        return items;
    }

    private static bool HasAnyProperty(JsonElement value)
    {
        using var properties = value.EnumerateObject();
        return properties.MoveNext();
    }
}
