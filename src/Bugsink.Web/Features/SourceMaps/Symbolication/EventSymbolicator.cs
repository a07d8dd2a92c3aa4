using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Resolves the JavaScript frames of one event payload (browser and Node) with the project's uploaded
// maps: PROTOCOL-RELEASES.md §4-6. It runs where events are read (the issue page, the API), never on
// ingest; decoded maps are cached per upload generation, so an event that came before its maps
// resolves once they are uploaded.
public sealed class EventSymbolicator(IServiceProvider services, SourceMapCache cache)
{
    private const int MaxFrames = 500;

    public async Task<SymbolicatedEvent?> ResolveAsync(long projectId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(ISourceArtifacts)) is not ISourceArtifacts store || !MayHaveJavaScriptFrames(payload.Span))
        {
            return null;
        }

        JsonObject root;
        try
        {
            if (JsonNode.Parse(payload.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) is not JsonObject parsed)
            {
                return null;
            }

            root = parsed;
        }
        catch (JsonException)
        {
            return null;
        }

        var platform = (root["platform"] as JsonValue)?.TryGetValue<string>(out var p) == true ? p : "";
        if (platform is not ("javascript" or "node"))
        {
            return null;
        }

        var generation = await store.GenerationAsync(projectId, cancellationToken);
        var locator = new MapLocator(store);
        var context = new EventContext(root);
        var resolved = 0;
        var unresolved = new List<UnresolvedFrame>();
        foreach (var stacktrace in ExceptionStacktraces(root))
        {
            if (stacktrace.Value["frames"] is not JsonArray frames || frames.Count == 0)
            {
                continue;
            }

            var raw = frames.DeepClone();
            var work = new List<FrameWork?>();
            foreach (var frame in frames.Take(MaxFrames))
            {
                work.Add(await PrepareAsync(frame as JsonObject, platform, projectId, generation, context, locator, unresolved, cancellationToken));
            }

            var changed = FrameRewriter.Apply(work, unresolved);
            resolved += changed;
            if (changed > 0)
            {
                stacktrace.Owner["raw_stacktrace"] = new JsonObject { ["frames"] = raw };
            }
        }

        ErrorEntries.Add(root, unresolved);
        return new SymbolicatedEvent(JsonSerializer.SerializeToUtf8Bytes(root), resolved, unresolved);
    }

    private async ValueTask<FrameWork?> PrepareAsync(
        JsonObject? frame, string platform, long projectId, long generation, EventContext context, MapLocator locator,
        List<UnresolvedFrame> unresolved, CancellationToken cancellationToken)
    {
        if (frame is null)
        {
            return null;
        }

        var (absPath, _) = FramePaths.Normalize(Text(frame, "abs_path"), Text(frame, "filename"));
        if (absPath is null || absPath is "native" or "[native code]" || Number(frame, "lineno") is not { } lineno)
        {
            return null;
        }

        if (platform == "node" && FramePaths.IsNodeBuiltin(absPath))
        {
            frame["in_app"] = false;
            return null;
        }

        if (lineno <= 0)
        {
            unresolved.Add(new UnresolvedFrame(absPath, "invalid location (line " + lineno.ToString(CultureInfo.InvariantCulture) + ")", false));
            return null;
        }

        var column = Math.Max(0, (Number(frame, "colno") ?? 1) - 1);
        var work = new FrameWork(frame, absPath, (int)Math.Min(lineno - 1, int.MaxValue), (int)Math.Min(column, int.MaxValue));
        var matching = FramePaths.ForMatching(absPath);
        var debugId = context.DebugIdOf(matching);
        var key = debugId is { } id ? "d:" + id.ToString("N") + "\n" + matching : "u:" + context.Release + "\n" + context.Dist + "\n" + matching;
        work.Located = await cache.GetOrAddAsync(projectId, generation, key,
            () => locator.LocateAsync(projectId, matching, debugId, context.Release, context.Dist, cancellationToken));
        return work;
    }

    // Only exception stack traces are resolved, as Sentry does (§4.1).
    private static IEnumerable<(JsonObject Owner, JsonObject Value)> ExceptionStacktraces(JsonObject root)
    {
        var exception = root["exception"];
        var values = exception is JsonObject o ? o["values"] as JsonArray : exception as JsonArray;
        foreach (var value in values ?? [])
        {
            if (value is JsonObject owner && owner["stacktrace"] is JsonObject stacktrace)
            {
                yield return (owner, stacktrace);
            }
        }
    }

    // A cheap test before parsing: payloads of other platforms are left alone without a parse.
    private static bool MayHaveJavaScriptFrames(ReadOnlySpan<byte> payload) =>
        payload.IndexOf("\"javascript\""u8) >= 0 || payload.IndexOf("\"node\""u8) >= 0;

    internal static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    internal static long? Number(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number)
            && number is >= long.MinValue and <= long.MaxValue
            ? (long)number : null;
}
