namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// An event payload with its JavaScript frames resolved: Json follows Sentry's event schema
// (exception.values[].stacktrace resolved, raw_stacktrace as sent).
public sealed record SymbolicatedEvent(byte[] Json, int ResolvedFrames, IReadOnlyList<UnresolvedFrame> Unresolved)
{
    public bool AnyWithoutMap => Unresolved.Any(f => f.NoMap);
}

public sealed record UnresolvedFrame(string AbsPath, string Reason, bool NoMap);
