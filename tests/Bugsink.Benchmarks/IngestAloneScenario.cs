using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;
using Bugsink.Benchmarks.Reporting;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks;

// Ingest on its own, the way the baseline measures Kestrel on its own: the same server binary and data
// folder started again with the digest paused (the compression dictionary trained during the main run
// is loaded, as on any server that has seen events), then the same client and payloads. Every
// acknowledged event waits in the inbox; the paused server is killed and the folder deleted afterwards.
public static class IngestAloneScenario
{
    // The inbox grows by every acknowledged event; 20 s is plenty for a steady figure.
    private static readonly TimeSpan LongestRun = TimeSpan.FromSeconds(20);

    public static async Task<(LoadResult Load, CpuUse Cpu, AlternatingMeasurement? Alternating)> RunAsync(
        BenchmarkOptions options, PayloadPool pool, EventIdSource ids, string dllPath, string dataDir, string dsn)
    {
        // Every acknowledged event stays queued, well over a million by the end of the alternating rounds:
        // past the back-pressure bound the server would answer 429 and this would measure that instead.
        using var server = await BugsinkServer.StartAsync(dllPath, dataDir, "--Bugsink:Digest:Paused=true", "--Bugsink:Ingest:MaxBacklog=100000000");
        var target = IngestTarget.FromDsn(dsn, server.BaseUrl, options.Encoding);
        using var generator = new LoadGenerator(pool, target, ids, options.Connections);
        await generator.RunAsync(ServerScenario.Warmup(options), CancellationToken.None);
        var limit = options.Limit.Duration > LongestRun ? LoadLimit.ForDuration(LongestRun) : options.Limit;
        Console.WriteLine($"Ingest alone (digest paused, pid {server.Process.Id}): measuring {limit} ...");
        var before = CpuSnapshot.Take(server.Process);
        var load = await generator.RunAsync(limit, CancellationToken.None);
        var cpu = CpuUse.Between(before, CpuSnapshot.Take(server.Process));
        var alternating = options.SkipBaseline ? null : await AlternateWithBaselineAsync(options, pool, ids, generator);
        return (load, cpu, alternating);
    }

    // Rounds of baseline and ingest alone back to back, the order swapped every round.
    private static async Task<AlternatingMeasurement> AlternateWithBaselineAsync(
        BenchmarkOptions options, PayloadPool pool, EventIdSource ids, LoadGenerator ingest)
    {
        var rounds = options.Quick ? 2 : 8;
        var each = options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        var (process, baseline, _) = await BaselineScenario.StartWarmedAsync(options, pool, ids);
        using (process)
        using (baseline)
        {
            Console.WriteLine($"Ingest alone and the baseline alternating: {rounds} rounds of {each.TotalSeconds:0} s each ...");
            var ingestRuns = new List<LoadResult>();
            var baselineRuns = new List<LoadResult>();
            for (var round = 0; round < rounds; round++)
            {
                // Swapped every round, so neither side always runs right after the other.
                var order = round % 2 == 0
                    ? new[] { (baseline, baselineRuns), (ingest, ingestRuns) }
                    : [(ingest, ingestRuns), (baseline, baselineRuns)];
                foreach (var (generator, runs) in order)
                {
                    runs.Add(await generator.RunAsync(LoadLimit.ForDuration(each), CancellationToken.None));
                }
            }

            return new AlternatingMeasurement(rounds, each, PerSecond(ingestRuns), PerSecond(baselineRuns), DescribeErrors(ingestRuns.Concat(baselineRuns)));
        }
    }

    private static double PerSecond(List<LoadResult> runs) => runs.Sum(r => r.Acknowledged) / runs.Sum(r => r.Elapsed.TotalSeconds);

    private static string DescribeErrors(IEnumerable<LoadResult> runs) => LoadResult.DescribeErrors(
        runs.SelectMany(r => r.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)));
}
