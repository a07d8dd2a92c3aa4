using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Sentry's event "errors" entries for frames that stayed unresolved (PROTOCOL-RELEASES.md §5.7), one
// per file and kind, so API clients see why as Sentry would tell them.
internal static class ErrorEntries
{
    public static void Add(JsonObject root, IReadOnlyList<UnresolvedFrame> unresolved)
    {
        if (unresolved.Count == 0)
        {
            return;
        }

        if (root["errors"] is not JsonArray errors)
        {
            errors = [];
            root["errors"] = errors;
        }

        foreach (var frame in unresolved.DistinctBy(f => (f.AbsPath, f.NoMap)))
        {
            errors.Add(new JsonObject
            {
                ["type"] = frame.NoMap ? "js_no_source" : "js_invalid_source",
                ["url"] = frame.AbsPath,
                ["reason"] = frame.Reason,
            });
        }
    }
}
