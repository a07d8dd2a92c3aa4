using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Grouping;

// Turns an SDK-sent fingerprint into a grouping key: entries joined with " ⋄ " (a separator, unlike
// Sentry's plain concatenation, so ["ab","c"] and ["a","bc"] do not collide), with each entry that is a
// whole `{{ name }}` variable replaced by its value (PROTOCOL.md §10.4). `{{ default }}` splices in the
// default key, so such fingerprints refine default grouping instead of replacing it.
internal static class FingerprintResolver
{
    public const string Separator = " ⋄ ";

    // Null when nothing usable is left (no entries, or only blank ones): such a fingerprint would lump
    // unrelated events under one blank key, so the caller falls back to default grouping.
    public static string? Resolve(IReadOnlyList<string> fingerprint, EventData data, string defaultKey)
    {
        var parts = new string[fingerprint.Count];
        var isBlank = true;
        for (var i = 0; i < parts.Length; i++)
        {
            var entry = fingerprint[i];
            parts[i] = VariableName(entry) is { } name ? ResolveVariable(name, entry, data, defaultKey) : entry;
            isBlank &= string.IsNullOrWhiteSpace(parts[i]);
        }

        return isBlank ? null : string.Join(Separator, parts);
    }

    // "{{" + optional spaces + name + optional spaces + "}}", so "{{default}}" and "{{  default }}" match.
    internal static string? VariableName(string entry)
    {
        if (entry.Length < 5 || !entry.StartsWith("{{", StringComparison.Ordinal) || !entry.EndsWith("}}", StringComparison.Ordinal))
        {
            return null;
        }

        var name = entry.AsSpan(2, entry.Length - 4).Trim();
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c is '{' or '}')
            {
                return null;
            }
        }

        return name.IsEmpty ? null : name.ToString();
    }

    private static string ResolveVariable(string name, string entry, EventData data, string defaultKey)
    {
        var main = data.Exceptions.Count > 0 ? data.Exceptions[^1] : null;
        var frame = data.CrashFrame;
        switch (name.ToLowerInvariant())
        {
            case "default":
                return defaultKey;
            case "transaction":
                return data.Transaction ?? "<no-transaction>";
            case "type" or "error.type":
                return main?.Type ?? "<no-type>";
            case "value" or "error.value":
                return main?.Value ?? "<no-value>";
            case "function" or "stack.function":
                return frame?.Function ?? "<no-function>";
            case "module" or "stack.module":
                return frame?.Module ?? "<no-module>";
            case "package" or "stack.package":
                return PackageBasename(frame?.Package) ?? "<no-package>";
            case "stack.abs_path":
                return frame?.AbsPath ?? "<no-abs-path>";
            case "stack.filename":
                return frame?.Filename ?? "<no-filename>";
            case "level":
                return string.IsNullOrEmpty(data.Level) ? "<no-level>" : data.Level;
            case "logger":
                return data.Logger ?? "<no-logger>";
            case "message":
                return data.MessageFormatted ?? data.MessageTemplate ?? "<no-message>";
        }

        if (name.StartsWith("tags.", StringComparison.OrdinalIgnoreCase) && name.Length > 5)
        {
            var tag = name[5..];
            return TagValue(data, tag) ?? "<no-value-for-tag-" + tag + ">";
        }

        // An unknown variable is kept literally, so a typo still yields a stable (if surprising) key.
        return entry;
    }

    // Tags as stored, including the derived ones (environment, release, browser, ...), as Sentry resolves
    // `{{ tags.environment }}` against the event's final tags.
    private static string? TagValue(EventData data, string name)
    {
        foreach (var (key, value) in TagDeriver.Derive(data))
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    // Native packages are file paths ("/usr/lib/libc.so.6"); only the file name identifies them.
    private static string? PackageBasename(string? package)
    {
        if (string.IsNullOrEmpty(package))
        {
            return null;
        }

        var slash = package.AsSpan().TrimEnd("/\\").LastIndexOfAny('/', '\\');
        return slash < 0 ? package : package[(slash + 1)..].TrimEnd('/', '\\');
    }
}
