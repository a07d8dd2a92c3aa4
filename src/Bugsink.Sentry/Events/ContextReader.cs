using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Reads the bits of `contexts`, `request` and `user` that tags and titles use.
internal static class ContextReader
{
    // "Chrome 120.0" from contexts.browser; a context is found by its key or, failing that, by its "type"
    // (which defaults to the key, but an SDK may file e.g. "client_os" with type "os").
    public static string? Describe(JsonElement? contexts, ReadOnlySpan<byte> kind)
    {
        if (contexts is not { ValueKind: JsonValueKind.Object } all)
        {
            return null;
        }

        var context = LenientJson.Property(all, kind);
        if (context is not { ValueKind: JsonValueKind.Object })
        {
            context = null;
            foreach (var candidate in all.EnumerateObject())
            {
                if (candidate.Value.ValueKind == JsonValueKind.Object
                    && LenientJson.Property(candidate.Value, "type"u8) is { ValueKind: JsonValueKind.String } type
                    && type.ValueEquals(kind))
                {
                    context = candidate.Value;
                    break;
                }
            }
        }

        var name = LenientJson.NullIfBlank(LenientJson.LenientText(LenientJson.Property(context, "name"u8)));
        if (name is null)
        {
            return null;
        }

        var version = LenientJson.NullIfBlank(LenientJson.LenientText(LenientJson.Property(context, "version"u8)));
        return version is null ? name : name + " " + version;
    }

    // Headers are an object or a list of [name, value] pairs; header names are case-insensitive.
    public static string? UserAgent(JsonElement? request)
    {
        var headers = LenientJson.Property(request, "headers"u8);
        if (headers is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (var header in map.EnumerateObject())
            {
                if (string.Equals(LenientJson.Name(header), "User-Agent", StringComparison.OrdinalIgnoreCase))
                {
                    return LenientJson.Text(header.Value);
                }
            }
        }
        else if (headers is { ValueKind: JsonValueKind.Array } pairs)
        {
            foreach (var pair in pairs.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
                    && LenientJson.Text(pair[0]) is { } name && name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
                {
                    return LenientJson.Text(pair[1]);
                }
            }
        }

        return null;
    }

    public static UserData? ReadUser(JsonElement? user)
    {
        if (user is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        return new UserData(
            LenientJson.NullIfBlank(LenientJson.LenientText(value, "id"u8)),
            LenientJson.NullIfBlank(LenientJson.Text(value, "email"u8)),
            LenientJson.NullIfBlank(LenientJson.Text(value, "ip_address"u8)),
            LenientJson.NullIfBlank(LenientJson.LenientText(value, "username"u8)));
    }
}
