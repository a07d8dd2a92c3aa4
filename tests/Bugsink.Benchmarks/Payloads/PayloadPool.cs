using System.Globalization;
using System.Text;

namespace Bugsink.Benchmarks.Payloads;

// All request bodies of a run, built before the clock starts so that generating and compressing events
// never competes with the server for the two cores. Template i belongs to group i % groups.
public sealed class PayloadPool
{
    private readonly EnvelopeTemplate[] _templates;

    private PayloadPool(EnvelopeTemplate[] templates) => _templates = templates;

    public int Count => _templates.Length;

    public int MaxWireLength { get; private init; }

    public double MeanRawBytes { get; private init; }

    public double MeanWireBytes { get; private init; }

    public EnvelopeTemplate this[long index] => _templates[index % _templates.Length];

    public static PayloadPool Build(EventProfile profile, int groups, PayloadEncoding encoding, int size, int seed)
    {
        var now = DateTimeOffset.UtcNow;
        var templates = new EnvelopeTemplate[Math.Max(size, groups)];
        Parallel.For(0, templates.Length, i =>
        {
            var random = new Random(seed + i);
            var eventJson = SentryEventWriter.Write(profile, i % groups, random, now);
            templates[i] = EnvelopeTemplate.Create(Frame(eventJson, now), encoding);
        });
        return new PayloadPool(templates)
        {
            MaxWireLength = templates.Max(t => t.WireLength),
            MeanRawBytes = templates.Average(t => t.RawLength),
            MeanWireBytes = templates.Average(t => t.WireLength),
        };
    }

    // Events written elsewhere (the paired scenarios' JavaScript events), one template each, in order.
    public static PayloadPool FromEvents(IReadOnlyList<byte[]> events, PayloadEncoding encoding)
    {
        var now = DateTimeOffset.UtcNow;
        var templates = new EnvelopeTemplate[events.Count];
        Parallel.For(0, templates.Length, i => templates[i] = EnvelopeTemplate.Create(Frame(events[i], now), encoding));
        return new PayloadPool(templates)
        {
            MaxWireLength = templates.Max(t => t.WireLength),
            MeanRawBytes = templates.Average(t => t.RawLength),
            MeanWireBytes = templates.Average(t => t.WireLength),
        };
    }

    // Envelope framing as sentry-dotnet writes it: header line, item header with an explicit length, payload.
    private static byte[] Frame(byte[] eventJson, DateTimeOffset now)
    {
        var header = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"event_id\":\"{EnvelopeTemplate.PlaceholderId}\",\"sdk\":{{\"name\":\"sentry.dotnet\",\"version\":\"6.12.1\"}},\"sent_at\":\"{now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"}}\n{{\"type\":\"event\",\"length\":{eventJson.Length}}}\n");
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var envelope = new byte[headerBytes.Length + eventJson.Length + 1];
        headerBytes.CopyTo(envelope, 0);
        eventJson.CopyTo(envelope, headerBytes.Length);
        envelope[^1] = (byte)'\n';
        return envelope;
    }
}
