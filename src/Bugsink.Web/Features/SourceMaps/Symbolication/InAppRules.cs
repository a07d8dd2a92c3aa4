namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Which frames are not the team's own code (PROTOCOL-RELEASES.md §6): dependencies (node_modules,
// vendor, public CDNs), webpack's runtime and externals, and Node's scheduling internals. Everything
// else keeps the SDK's in_app.
public static class InAppRules
{
    private static readonly string[] ThirdPartyHosts = ["unpkg.com", "cdnjs.cloudflare.com", "cdn.jsdelivr.net", "esm.run"];
    private static readonly string[] RuntimeFunctions =
        ["processTicksAndRejections", "runMicrotasks", "queueMicrotask", "nextTick", "runNextTicks", "reportError"];

    // path: the frame's abs_path (or filename); source: the map's source when the frame was resolved.
    public static bool IsNotInApp(string? path, string? source, string? function)
    {
        if (function is not null && RuntimeFunctions.Contains(function))
        {
            return true;
        }

        if (source is not null && SourceNames.IsWebpack(source))
        {
            // webpack's own runtime (webpack/bootstrap, webpack/runtime/...), externals and dependencies
            // ("~/..." and node_modules) are the sources that do not start with "./".
            var cleaned = SourceNames.Filename(source);
            return !cleaned.StartsWith("./", StringComparison.Ordinal) || cleaned.Contains("/node_modules/", StringComparison.Ordinal);
        }

        foreach (var candidate in (string?[])[path, source])
        {
            if (candidate is null)
            {
                continue;
            }

            // Vite's helpers are virtual modules ("\0vite/preload-helper", "/@vite/client").
            if (candidate.Contains("node_modules/", StringComparison.Ordinal) || candidate.Contains("/vendor/", StringComparison.Ordinal)
                || candidate.StartsWith('\0') || candidate.Contains("vite/preload-helper", StringComparison.Ordinal)
                || candidate.Contains("/@vite/", StringComparison.Ordinal)
                || ThirdPartyHosts.Any(host => candidate.Contains("://" + host + "/", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
