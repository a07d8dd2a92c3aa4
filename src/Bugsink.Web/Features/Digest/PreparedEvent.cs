using System.Buffers;
using Bugsink.Sentry.Events;
using Bugsink.Sentry.Grouping;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Features.Digest;

// An inbox row parsed and grouped, ready to be written. Only the few fields the write needs are kept,
// not the parsed event: keeping the parsed events (stack frames and all) of a whole 5,000-event batch
// added ~90 MB to the peak memory, and they are garbage the collector would have to walk.
public sealed record PreparedEvent(
    InboxEventRow Row,
    GroupingResult Grouping,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string Level,
    string Platform,
    bool IsParsable,
    DateTimeOffset Timestamp,
    string? Release,
    string? Environment)
{
    public static PreparedEvent Prepare(InboxEventRow row)
    {
        EventData data;
        // Rented: the parsed event keeps nothing of these bytes, and a fresh 4 KB array per event was a
        // good share of what the digest's garbage collections had to clear.
        var buffer = ArrayPool<byte>.Shared.Rent(row.PayloadSize);
        try
        {
            PayloadCompression.Decompress(row.Payload, buffer.AsSpan(0, row.PayloadSize));
            data = EventData.Parse(buffer.AsMemory(0, row.PayloadSize));
        }
        catch (InvalidDataException)
        {
            // A damaged blob must not stop the digest; it is kept and shown as unparsable.
            data = EventData.Parse(ReadOnlyMemory<byte>.Empty);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!data.IsParsable)
        {
            // Kept, grouped together per project, and shown raw later: never silently dropped.
            var unparsable = new GroupingResult(
                "<unparsable event>", UnparsableKeyHash, EventGrouper.CurrentScheme, "Unparsable event payload", "<unparsable>", "", null);
            return From(row, data, unparsable, []);
        }

        return From(row, data, EventGrouper.Group(data), TagDeriver.Derive(data));
    }

    private static PreparedEvent From(InboxEventRow row, EventData data, GroupingResult grouping, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        new(row, grouping, tags, data.Level, data.Platform, data.IsParsable, data.Timestamp ?? row.ReceivedAt,
            ReleaseName.Sanitize(data.Release), Clip(data.Environment, 64));

    private static readonly string UnparsableKeyHash = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData("<unparsable event>"u8));

    private static string? Clip(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Newlines and slashes would break URLs and one-line displays of versions.
        var clean = text.Trim().Replace('\n', ' ').Replace('\r', ' ');
        return clean.Length > max ? clean[..max] : clean;
    }
}
