using System.Text.Json.Nodes;
using Bugsink.Web.Features.SourceMaps.Decoding;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// One frame while an event is being resolved: the frame's JSON and, once looked up, its map and the
// position it maps to (kept until the names of all frames are chosen, as a frame's call-site name
// comes from its caller's position).
internal sealed class FrameWork(JsonObject frame, string absPath, int line, int column)
{
    public JsonObject Frame { get; } = frame;

    public string AbsPath { get; } = absPath;

    // 0-based generated position.
    public int Line { get; } = line;

    public int Column { get; } = column;

    public LocatedMap? Located { get; set; }

    public MappedPosition? Mapped { get; set; }
}
