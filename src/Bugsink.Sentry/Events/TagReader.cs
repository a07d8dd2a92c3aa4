using System.Globalization;
using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Tags and fingerprints are lists of lenient strings; see PROTOCOL.md §9.1 and §9.9.
internal static class TagReader
{
    private const int MaxTags = 256;
    private const int MaxFingerprintEntries = 64;

    // Tags come as {"k": "v"} or as [["k", "v"], ...]; the pair form may repeat a key, which is kept here
    // and resolved by TagDeriver.
    public static IReadOnlyList<KeyValuePair<string, string>> ReadTags(JsonElement? tags)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (tags is not { } value)
        {
            return result;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                Add(result, LenientJson.Name(property), LenientJson.LenientText(property.Value));
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in value.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2)
                {
                    Add(result, LenientJson.LenientText(pair[0]), LenientJson.LenientText(pair[1]));
                }
            }
        }

        return result;
    }

    // Relay coerces entries: true → "True", -22 → "-22", 3.5 → "3" (truncated); nulls are dropped and a
    // non-array fingerprint is ignored altogether.
    public static IReadOnlyList<string>? ReadFingerprint(JsonElement? fingerprint)
    {
        if (fingerprint is not { ValueKind: JsonValueKind.Array } value)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var entry in value.EnumerateArray())
        {
            var text = entry.ValueKind switch
            {
                JsonValueKind.String => LenientJson.Decode(entry),
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                JsonValueKind.Number => NumberText(entry),
                _ => null,
            };
            if (text is not null && result.Count < MaxFingerprintEntries)
            {
                result.Add(text);
            }
        }

        return result;
    }

    private static string? NumberText(JsonElement number)
    {
        if (number.TryGetInt64(out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        return number.TryGetDouble(out var real) && double.IsFinite(real)
            ? Math.Truncate(real).ToString("0", CultureInfo.InvariantCulture)
            : null;
    }

    private static void Add(List<KeyValuePair<string, string>> tags, string? key, string? value)
    {
        if (key is not null && value is not null && tags.Count < MaxTags)
        {
            tags.Add(new KeyValuePair<string, string>(key, value));
        }
    }
}
