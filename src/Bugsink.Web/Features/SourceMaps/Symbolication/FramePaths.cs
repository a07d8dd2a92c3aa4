namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Relay's normalisation of a frame's paths (PROTOCOL-RELEASES.md §4.2), which matching depends on:
// current SDKs send only "filename"; it becomes abs_path, and filename becomes the URL's path.
public static class FramePaths
{
    public static (string? AbsPath, string? Filename) Normalize(string? absPath, string? filename)
    {
        if (string.IsNullOrEmpty(absPath))
        {
            absPath = filename;
            filename = null;
        }

        if (string.IsNullOrEmpty(filename))
        {
            filename = absPath;
            if (absPath is not null && Uri.TryCreate(absPath, UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https" or "file" or "applewebdata" && uri.AbsolutePath != "/")
            {
                filename = uri.AbsolutePath;
            }
        }

        return (string.IsNullOrEmpty(absPath) ? null : absPath, filename);
    }

    // An old SDK bug left "async " in front of abs_path (§4.3 step 1).
    public static string ForMatching(string absPath) =>
        absPath.StartsWith("async ", StringComparison.Ordinal) ? absPath["async ".Length..] : absPath;

    // Node built-ins (node:internal/..., "internal/..."): not sent for symbolication, never in-app (§4.5).
    public static bool IsNodeBuiltin(string absPath) =>
        !(absPath.StartsWith("app:", StringComparison.Ordinal) || absPath.StartsWith("webpack:", StringComparison.Ordinal)
          || absPath.StartsWith('/') || (absPath.Length >= 2 && char.IsAsciiLetter(absPath[0]) && absPath[1] == ':'));
}
