namespace Bugsink.Web.Features.SourceMaps.Decoding;

// A map that is not a usable Source Map v3; the message is short enough to show beside a frame.
public sealed class SourceMapException(string message) : Exception(message);
