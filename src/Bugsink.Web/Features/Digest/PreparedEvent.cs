using Bugsink.Sentry.Events;
using Bugsink.Sentry.Grouping;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Features.Digest;

// An inbox row parsed and grouped: the CPU work done before the write transaction opens, so the
// transaction only writes (SQLite has one writer; keep its hold short).
public sealed record PreparedEvent(
    InboxEventRow Row,
    EventData Data,
    GroupingResult Grouping,
    IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    public DateTimeOffset Timestamp => Data.Timestamp ?? Row.ReceivedAt;

    public string? Release { get; } = ReleaseName.Sanitize(Data.Release);

    public string? Environment => Clip(Data.Environment, 64);

    public static PreparedEvent Prepare(InboxEventRow row)
    {
        EventData data;
        try
        {
            data = EventData.Parse(PayloadCompression.Decompress(row.Payload, row.PayloadSize));
        }
        catch (InvalidDataException)
        {
            // A damaged blob must not stop the digest; it is kept and shown as unparsable.
            data = EventData.Parse([]);
        }

        if (!data.IsParsable)
        {
            // Kept, grouped together per project, and shown raw later: never silently dropped.
            var unparsable = new GroupingResult(
                "<unparsable event>", UnparsableKeyHash, EventGrouper.CurrentScheme, "Unparsable event payload", "<unparsable>", "", null);
            return new PreparedEvent(row, data, unparsable, []);
        }

        return new PreparedEvent(row, data, EventGrouper.Group(data), TagDeriver.Derive(data));
    }

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
