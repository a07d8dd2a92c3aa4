using Bugsink.Benchmarks.Payloads;
using Bugsink.Web.Features.Ingest;

namespace Bugsink.Benchmarks.Seed;

// A few dozen realistic .NET events (the load generator's own), stored compressed the way the digest
// stores them; rows take turns. Only the one event a detail page shows is ever decompressed, so
// distinct bytes per row would cost disk and seeding time and measure nothing more.
public sealed class SeedPayloads
{
    private const int Distinct = 64;
    private readonly (byte[] Compressed, int Size)[] _payloads;

    public SeedPayloads(DateTimeOffset now)
    {
        var random = new Random(4711);
        _payloads = [.. Enumerable.Range(0, Distinct).Select(group =>
        {
            var raw = SentryEventWriter.Write(EventProfile.Small, group, random, now);
            return (PayloadCompression.Compress(raw), raw.Length);
        })];
    }

    public (byte[] Compressed, int Size) For(int issue) => _payloads[issue % Distinct];

    // The issue's words as the payload of its group has them.
    public static (string Type, string Value, string Culprit) IssueWords(int issue)
    {
        var (area, problem, thing) = EventVocabulary.GroupWords(issue % Distinct);
        var serial = issue / Distinct;
        return ($"Shop.{area}.{problem}{thing}Exception",
            $"{problem} {thing.ToLowerInvariant()} <n> for tenant <guid> (variant {serial})",
            $"Shop.{area}.{thing}Controller in Handle");
    }
}
