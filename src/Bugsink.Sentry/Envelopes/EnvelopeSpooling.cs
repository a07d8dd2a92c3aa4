namespace Bugsink.Sentry.Envelopes;

// How much of an item the framer holds in memory. Streaming ingest keeps event-like items whole (their own
// limit is small), puts larger attachments in spool files, and drops the payloads of larger items of other
// types, which nobody stores. InMemory keeps everything, for bodies that are in memory already.
public sealed record EnvelopeSpooling(string? Directory, long MemoryLimit)
{
    public static EnvelopeSpooling InMemory { get; } = new(null, long.MaxValue);

    internal long MemoryLimitFor(string type, EnvelopeLimits limits) =>
        ItemTypes.IsEventLike(type) ? Math.Max(MemoryLimit, limits.MaxEventBytes) : MemoryLimit;

    internal string? DirectoryFor(string type) => ItemTypes.IsAttachmentLike(type) ? Directory : null;
}
