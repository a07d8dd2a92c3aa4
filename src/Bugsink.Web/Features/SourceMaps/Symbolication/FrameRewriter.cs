using System.Text.Json.Nodes;
using Bugsink.Web.Features.SourceMaps.Decoding;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Writes what a frame's map says into the frame, as Sentry merges it (PROTOCOL-RELEASES.md §5.7):
// filename, abs_path, 1-based lineno/colno, function, context lines, data.sourcemap/resolved_with;
// then the in-app rules of §6. A frame that cannot be resolved keeps every value it was sent with
// and gets data.unresolved (the reason), which the issue page shows.
internal static class FrameRewriter
{
    // frames: oldest call first, as sent; null for frames not eligible. Returns how many were resolved.
    public static int Apply(List<FrameWork?> frames, List<UnresolvedFrame> unresolved)
    {
        foreach (var work in frames)
        {
            if (work?.Located is { Map: { } map })
            {
                work.Mapped = map.Lookup(work.Line, work.Column);
            }
        }

        var resolved = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i] is not { Located: { } located } work)
            {
                continue;
            }

            if (work.Mapped is not { } mapped)
            {
                var reason = located.Reason ?? OutOfRange(located.Map!, work);
                unresolved.Add(new UnresolvedFrame(work.AbsPath, reason, located.NoMap));
                Data(work.Frame)["unresolved"] = reason;
                ApplyInApp(work.Frame, work.AbsPath, null);
                continue;
            }

            var caller = i > 0 ? frames[i - 1]?.Mapped : null;
            Rewrite(work, located, mapped, caller);
            resolved++;
        }

        return resolved;
    }

    private static void Rewrite(FrameWork work, LocatedMap located, MappedPosition mapped, MappedPosition? caller)
    {
        var frame = work.Frame;
        var source = mapped.Source;
        var sdkFunction = EventSymbolicator.Text(frame, "function");
        var absPath = ArtifactUrls.Join(located.MapUrl, source);
        frame["filename"] = SourceNames.Filename(source);
        frame["abs_path"] = absPath;
        frame["lineno"] = mapped.Line + 1;
        frame["colno"] = mapped.Column + 1;
        // The enclosing function's original name first, then what the caller called, then the name
        // at the position, else the SDK's (minified) name: PROTOCOL-RELEASES.md §5.6.
        var function = (located.Minified is { } minified ? EnclosingFunction.OriginalName(located.Map!, minified, sdkFunction, work.Line, work.Column) : null)
            ?? caller?.Name ?? mapped.Name ?? sdkFunction;
        if (function is not null)
        {
            frame["function"] = function;
        }

        frame.Remove("pre_context");
        frame.Remove("context_line");
        frame.Remove("post_context");
        var data = Data(frame);
        if (located.Lines(mapped) is { } lines && SourceContext.Around(lines, mapped.Line, mapped.Column) is { } context)
        {
            frame["pre_context"] = new JsonArray([.. context.Pre.Select(l => (JsonNode?)l)]);
            frame["context_line"] = context.Line;
            frame["post_context"] = new JsonArray([.. context.Post.Select(l => (JsonNode?)l)]);
        }
        else
        {
            data["no_context"] = mapped.SourceContent is null ? "map without sourcesContent" : "line out of range in the source";
        }

        data["sourcemap"] = located.MapUrl;
        data["resolved_with"] = located.ResolvedWith;
        data["symbolicated"] = true;
        ApplyInApp(frame, absPath, source);
    }

    private static void ApplyInApp(JsonObject frame, string absPath, string? source)
    {
        if (InAppRules.IsNotInApp(absPath, source, EventSymbolicator.Text(frame, "function")))
        {
            var sent = frame["in_app"] is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? 1 : 0) : -1;
            if (sent != 0)
            {
                Data(frame)["orig_in_app"] = sent;
            }

            frame["in_app"] = false;
        }
    }

    private static string OutOfRange(SourceMap map, FrameWork work) =>
        map is RegularSourceMap regular && work.Line >= regular.LineCount
            ? "line out of range (line " + (work.Line + 1) + ", the map has " + regular.LineCount + ")"
            : "no mapping at line " + (work.Line + 1) + ", column " + (work.Column + 1);

    private static JsonObject Data(JsonObject frame)
    {
        if (frame["data"] is JsonObject data)
        {
            return data;
        }

        var created = new JsonObject();
        frame["data"] = created;
        return created;
    }
}
