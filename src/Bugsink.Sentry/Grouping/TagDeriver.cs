using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Grouping;

// The tags an event is stored and searched with: the SDK's own tags, cleaned the way Relay cleans them,
// plus the ones Sentry derives from well-known fields. An SDK tag wins over a derived one of the same key,
// and for a key repeated in the pair form the first occurrence wins, so each key appears once.
public static class TagDeriver
{
    private const int MaxKeyLength = 200;
    private const int MaxValueLength = 200;

    public static IReadOnlyList<KeyValuePair<string, string>> Derive(EventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tags = new List<KeyValuePair<string, string>>(data.Tags.Count + 12);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in data.Tags)
        {
            Add(tags, seen, key.Trim().Replace(' ', '-'), value);
        }

        Add(tags, seen, "release", data.Release);
        Add(tags, seen, "environment", data.Environment);
        Add(tags, seen, "server_name", data.ServerName);
        Add(tags, seen, "transaction", data.Transaction);
        Add(tags, seen, "level", data.Level);
        Add(tags, seen, "handled", data.Handled switch { true => "yes", false => "no", null => null });
        Add(tags, seen, "browser", data.BrowserName ?? UserAgentParser.Browser(data.UserAgent));
        Add(tags, seen, "os", data.OsName ?? UserAgentParser.OperatingSystem(data.UserAgent));
        Add(tags, seen, "runtime", data.RuntimeName);
        Add(tags, seen, "user.id", data.User?.Id);
        Add(tags, seen, "user.email", data.User?.Email);

        // "{{auto}}" asks the server to fill in the client's address; that is not a value worth a tag.
        var ip = data.User?.IpAddress;
        Add(tags, seen, "user.ip", ip == "{{auto}}" ? null : ip);
        Add(tags, seen, "url", data.RequestUrl);
        return tags;
    }

    private static void Add(List<KeyValuePair<string, string>> tags, HashSet<string> seen, string? key, string? value)
    {
        if (key is null || value is null)
        {
            return;
        }

        key = Clean(key, MaxKeyLength);
        value = Clean(value, MaxValueLength);
        if (key.Length > 0 && value.Length > 0 && seen.Add(key))
        {
            tags.Add(new KeyValuePair<string, string>(key, value));
        }
    }

    // Relay rejects tag text with line breaks; we keep the tag and flatten the breaks instead.
    private static string Clean(string text, int maxLength)
    {
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            text = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        }

        text = text.Trim();
        return text.Length > maxLength ? text[..maxLength].TrimEnd() : text;
    }
}
