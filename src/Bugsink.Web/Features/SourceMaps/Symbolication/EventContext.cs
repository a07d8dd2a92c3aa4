using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// What every frame of an event is matched with: release, dist and the debug IDs of
// debug_meta.images (type "sourcemap", keyed by code_file; PROTOCOL-RELEASES.md §4.1).
internal sealed class EventContext
{
    private readonly Dictionary<string, Guid> debugIds = new(StringComparer.Ordinal);

    public EventContext(JsonObject root)
    {
        Release = EventSymbolicator.Text(root, "release") ?? "";
        Dist = EventSymbolicator.Text(root, "dist") ?? "";
        if ((root["debug_meta"] as JsonObject)?["images"] is not JsonArray images)
        {
            return;
        }

        foreach (var image in images.OfType<JsonObject>())
        {
            if (EventSymbolicator.Text(image, "type") == "sourcemap" && EventSymbolicator.Text(image, "code_file") is { } file
                && Guid.TryParse(EventSymbolicator.Text(image, "debug_id"), out var id))
            {
                debugIds.TryAdd(FramePaths.ForMatching(file), id);
            }
        }
    }

    public string Release { get; }

    public string Dist { get; }

    public Guid? DebugIdOf(string absPath) => debugIds.TryGetValue(absPath, out var id) ? id : null;
}
