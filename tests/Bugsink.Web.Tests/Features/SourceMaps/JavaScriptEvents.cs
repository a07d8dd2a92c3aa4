using System.Text.Json.Nodes;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// Events shaped as @sentry/browser and @sentry/node send them (PROTOCOL-RELEASES.md §4.1-4.2), from
// the frames V8 really reported for a built bundle: oldest call first, filename only, in_app true.
public static class JavaScriptEvents
{
    public static JsonObject From(IReadOnlyList<V8Frame> innermostFirst, string platform, Func<string, string> fileName,
        string? release = null, Guid? debugId = null, string? codeFile = null)
    {
        var frames = new JsonArray();
        foreach (var frame in innermostFirst.Reverse())
        {
            var sent = new JsonObject
            {
                ["filename"] = fileName(frame.File),
                ["function"] = frame.Function ?? "?",
                ["lineno"] = frame.Line,
                ["colno"] = frame.Column,
                ["in_app"] = true,
            };
            frames.Add(sent);
        }

        var root = new JsonObject
        {
            ["event_id"] = Guid.NewGuid().ToString("N"),
            ["platform"] = platform,
            ["exception"] = new JsonObject
            {
                ["values"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Error",
                    ["value"] = "boom 42",
                    ["stacktrace"] = new JsonObject { ["frames"] = frames },
                }),
            },
        };
        if (release is not null)
        {
            root["release"] = release;
        }

        if (debugId is { } id)
        {
            root["debug_meta"] = new JsonObject
            {
                ["images"] = new JsonArray(new JsonObject { ["type"] = "sourcemap", ["code_file"] = codeFile, ["debug_id"] = id.ToString() }),
            };
        }

        return root;
    }
}
