using System.Text.Json;

namespace Bugsink.Web.Features.Issues.Pages;

// Defensive reading of stranger-written JSON: any field may be missing, null, another type or huge.
public static class JsonText
{
    public const int MaxValueLength = 20_000;

    public static JsonElement? Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement? Prop(this JsonElement? element, string name) => element is { } e ? e.Prop(name) : null;

    // Strings as they are, numbers and booleans as written, objects and arrays as compact JSON.
    public static string? Str(this JsonElement? element) => element is { } e ? Display(e) : null;

    public static string Display(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "null",
            _ => element.GetRawText(),
        };
        return text.Length > MaxValueLength ? text[..MaxValueLength] + "… (truncated)" : text;
    }

    // Sentry sends lists either bare or wrapped as {"values": [...]}.
    public static IEnumerable<JsonElement> Values(this JsonElement? element, int max)
    {
        var list = element?.ValueKind == JsonValueKind.Object ? element.Prop("values") : element;
        return list is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Take(max) : [];
    }

    // Objects ({"k": v}) and pair lists ([["k", v]] or [{"key": k, "value": v}]) as rows.
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(this JsonElement? element, int max = 500)
    {
        var rows = new List<KeyValuePair<string, string>>();
        if (element is not { } e)
        {
            return rows;
        }

        if (e.ValueKind == JsonValueKind.Object)
        {
            rows.AddRange(e.EnumerateObject().Take(max).Select(p => new KeyValuePair<string, string>(p.Name, Display(p.Value))));
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray().Take(max))
            {
                if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2)
                {
                    rows.Add(new(Display(item[0]), Display(item[1])));
                }
                else if (item.ValueKind == JsonValueKind.Object && item.Prop("key") is { } key)
                {
                    rows.Add(new(Display(key), item.Prop("value").Str() ?? ""));
                }
                else
                {
                    rows.Add(new("", Display(item)));
                }
            }
        }
        else
        {
            rows.Add(new("", Display(e)));
        }

        return rows;
    }
}
