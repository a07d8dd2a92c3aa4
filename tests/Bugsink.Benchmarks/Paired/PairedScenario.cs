using System.Diagnostics;
using Bugsink.Benchmarks.Digest;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;
using Bugsink.Benchmarks.Reporting;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Paired;

// Two projects on one server, alike except for what the variant adds to one of them, fed the same events in
// alternating segments (the order swapped every round) so the machine's drift hits both alike:
//   1. the digest: segments queued with the digest paused (which times ingest alone on the way), the server
//      restarted and the drain timed segment by segment;
//   2. end to end: segments sent with the digest (and whatever the variant does after it) running, each
//      timed until its last event is digested and the server is idle again (ServerSettling).
// Every segment brings new groups, so every round opens new issues in both projects.
public static class PairedScenario
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchmarkOptions options, IPairedVariant variant)
    {
        var segment = (int)(options.Limit.Count ?? (options.Quick ? 5_000 : 10_000));
        var groups = Math.Min(options.Groups, segment);
        var rounds = options.Quick ? 1 : 3;
        Console.WriteLine($"Paired benchmark: {variant.Title}; segments of {segment:N0} events in {groups:N0} new issues, {rounds} rounds per phase {string.Join(' ', options.ServerSettings)}");
        MachineLoad.Print("before the run");
        var bundle = JavaScriptBundle.Build();
        var dataDir = Path.Combine(Path.GetTempPath(), "bugsink-paired-" + Guid.NewGuid().ToString("N")[..8]);
        var dll = BugsinkServer.FindDll(options.ServerDll);
        var pools = new Dictionary<int, PayloadPool>();
        PayloadPool Pool(int round) => pools.TryGetValue(round, out var p) ? p : pools[round] = BuildPool(bundle, round, segment, groups, options.Encoding);
        var results = new List<SegmentResult>();
        try
        {
            await using (variant)
            {
                var ids = new EventIdSource();
                IngestTarget with, without;
                var segments = new List<(string Variant, int Round, long Lo, long Hi, LoadResult Load)>();
                using (var paused = await BugsinkServer.StartAsync(dll, dataDir, ["--Bugsink:Digest:Paused=true", "--Bugsink:Ingest:MaxBacklog=100000000", .. variant.ServerSettings, .. options.ServerSettings]))
                {
                    with = IngestTarget.FromDsn(await paused.CreateProjectAsync("with"), paused.BaseUrl, options.Encoding);
                    without = IngestTarget.FromDsn(await paused.CreateProjectAsync("without"), paused.BaseUrl, options.Encoding);
                    paused.KeepEveryEvent(with.ProjectId);
                    paused.KeepEveryEvent(without.ProjectId);
                    using (var api = PairedApi.Create(paused, await paused.CreateTokenAsync()))
                    {
                        await variant.SetUpAsync(api, with.ProjectId);
                    }

                    Console.WriteLine($"Server (digest paused): {paused.BaseUrl}, data in {dataDir}; queueing segments ...");
                    using var probe = new InboxProbe(Path.Combine(dataDir, "inbox.db"));
                    // Round 0 warms up both projects (JIT, the compression dictionaries) and is not reported.
                    for (var round = 0; round <= rounds; round++)
                    {
                        foreach (var (name, target) in Order(round, (variant.WithLabel, with), (variant.WithoutLabel, without)))
                        {
                            var lo = probe.ReadProgress().Committed;
                            using var generator = new LoadGenerator(Pool(round), Retarget(target, paused.BaseUrl, options.Encoding), ids, options.Connections);
                            var load = await generator.RunAsync(LoadLimit.ForCount(segment), CancellationToken.None);
                            segments.Add((name, round, lo, probe.ReadProgress().Committed, load));
                        }
                    }
                }

                double[] drainSeconds;
                using (var server = await BugsinkServer.StartAsync(dll, dataDir, [.. variant.ServerSettings, .. options.ServerSettings]))
                {
                    Console.WriteLine("Server restarted with the digest running; timing the drain ...");
                    var timeline = await DrainTimeline.RecordAsync(Path.Combine(dataDir, "inbox.db"), segments[^1].Hi, StallLimit);
                    drainSeconds = [.. segments.Select(s => timeline.SecondsFor(s.Lo, s.Hi))];
                    foreach (var (s, seconds) in segments.Zip(drainSeconds).Where(s => s.First.Round > 0))
                    {
                        results.Add(new SegmentResult("queued, then digested", s.Variant, s.Round, s.Load, (s.Hi - s.Lo) / seconds));
                    }

                    Console.WriteLine("End to end, digest running ...");
                    using var probe = new InboxProbe(Path.Combine(dataDir, "inbox.db"));
                    // The restarted server has not ingested yet: round 0's events once more to each project (not
                    // reported, no new issues) warm its ingest path up, so that the first timed segment, always the
                    // same project's, does not pay for the JIT; and the drain's own alert work is done before it.
                    foreach (var (_, target) in Order(0, (variant.WithLabel, with), (variant.WithoutLabel, without)))
                    {
                        using var warmUp = new LoadGenerator(Pool(0), Retarget(target, server.BaseUrl, options.Encoding), ids, options.Connections);
                        await warmUp.RunAsync(LoadLimit.ForCount(segment), CancellationToken.None);
                        await WaitForEmptyInboxAsync(probe);
                    }

                    await ServerSettling.WaitAsync(server.Process, StallLimit);
                    for (var round = rounds + 1; round <= 2 * rounds; round++)
                    {
                        foreach (var (name, target) in Order(round, (variant.WithLabel, with), (variant.WithoutLabel, without)))
                        {
                            using var generator = new LoadGenerator(Pool(round), Retarget(target, server.BaseUrl, options.Encoding), ids, options.Connections);
                            var start = Stopwatch.GetTimestamp();
                            var load = await generator.RunAsync(LoadLimit.ForCount(segment), CancellationToken.None);
                            await WaitForEmptyInboxAsync(probe);
                            await ServerSettling.WaitAsync(server.Process, StallLimit);
                            results.Add(new SegmentResult("end to end", name, round, load, load.Acknowledged / Stopwatch.GetElapsedTime(start).TotalSeconds));
                        }
                    }

                    // Deliveries still queued finish within a few seconds; their count is part of the report.
                    await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 2 : 5));
                }

                Print(variant, results);
                Console.WriteLine(variant.Describe() ?? "");
            }
        }
        finally
        {
            if (!options.KeepData && Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        return 0;
    }

    private static IEnumerable<(string, IngestTarget)> Order(int round, (string, IngestTarget) a, (string, IngestTarget) b) =>
        round % 2 == 0 ? [a, b] : [b, a];

    // The restarted server listens on a new port; the project and its key are the same.
    private static IngestTarget Retarget(IngestTarget target, Uri baseUrl, PayloadEncoding encoding) =>
        new(baseUrl, target.ProjectId, target.PublicKey, encoding);

    // Round r's events fall into groups r*G .. r*G+G-1: new issues in both projects, the same bytes for both.
    private static PayloadPool BuildPool(JavaScriptBundle bundle, int round, int segment, int groups, PayloadEncoding encoding)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new byte[segment][];
        Parallel.For(0, segment, i => events[i] = JavaScriptEventWriter.Write(bundle, (round * groups + i % groups) % JavaScriptEventWriter.MaxDistinctGroups, new Random(4711 + i), now));
        return PayloadPool.FromEvents(events, encoding);
    }

    private static async Task WaitForEmptyInboxAsync(InboxProbe probe)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StallLimit.TotalSeconds * Stopwatch.Frequency);
        while (probe.WaitingExact() > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("a segment was not digested within a minute");
            }

            await Task.Delay(20);
        }
    }

    private static void Print(IPairedVariant variant, List<SegmentResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("| phase | project | rounds | ingest events/s acked | digested events/s | errors |");
        Console.WriteLine("|---|---|---:|---:|---:|---|");
        foreach (var phase in results.GroupBy(r => r.Phase))
        {
            var byVariant = phase.GroupBy(r => r.Variant).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var (name, runs) in byVariant)
            {
                var ingest = runs.Sum(r => r.Load.Acknowledged) / runs.Sum(r => r.Load.Elapsed.TotalSeconds);
                var digested = runs.Count / runs.Sum(r => 1 / r.DigestedPerSecond); // harmonic mean: equal events per segment
                Console.WriteLine(FormattableString.Invariant(
                    $"| {phase.Key} | {name} | {runs.Count} | {ingest:N0} | {digested:N0} | {LoadResult.DescribeErrors(runs.SelectMany(r => r.Load.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)))} |"));
            }

            if (byVariant.TryGetValue(variant.WithLabel, out var w) && byVariant.TryGetValue(variant.WithoutLabel, out var wo))
            {
                static double Ingest(List<SegmentResult> r) => r.Sum(x => x.Load.Acknowledged) / r.Sum(x => x.Load.Elapsed.TotalSeconds);
                static double Digest(List<SegmentResult> r) => r.Count / r.Sum(x => 1 / x.DigestedPerSecond);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {phase.Key} | ratio {variant.WithLabel} / {variant.WithoutLabel} | | {Ingest(w) / Ingest(wo):P0} | {Digest(w) / Digest(wo):P0} | |"));
            }
        }

        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine(FormattableString.Invariant($"  {r.Phase}, round {r.Round}, {r.Variant}: acked {r.Load.AcknowledgedPerSecond:N0}/s, digested {r.DigestedPerSecond:N0}/s"));
        }
    }

    private sealed record SegmentResult(string Phase, string Variant, int Round, LoadResult Load, double DigestedPerSecond);
}
