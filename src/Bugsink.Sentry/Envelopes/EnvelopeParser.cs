using System.Runtime.InteropServices;

namespace Bugsink.Sentry.Envelopes;

// Frames an envelope that is in memory already, with the same framer that streaming ingest uses
// (EnvelopeStreamReader), so both follow PROTOCOL.md §5.4 by construction. Payloads are copies.
public static class EnvelopeParser
{
    public static EnvelopeParseResult Parse(ReadOnlyMemory<byte> data, EnvelopeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        using var input = MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
        using var reader = new EnvelopeStreamReader(input, limits);
        // A MemoryStream completes every read synchronously, so these tasks are complete when they return.
        var problem = reader.ReadHeaderAsync(CancellationToken.None).GetAwaiter().GetResult();
        return problem ?? reader.ReadItemsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
