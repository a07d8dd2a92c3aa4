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

    public static async Task<(LoadResult Load, CpuUse Cpu)> RunAsync(
        BenchmarkOptions options, PayloadPool pool, EventIdSource ids, string dllPath, string dataDir, string dsn)
    {
        using var server = await BugsinkServer.StartAsync(dllPath, dataDir, "--Bugsink:Digest:Paused=true");
        var target = IngestTarget.FromDsn(dsn, server.BaseUrl, options.Encoding);
        using var generator = new LoadGenerator(pool, target, ids, options.Connections);
        await generator.RunAsync(ServerScenario.Warmup(options), CancellationToken.None);
        var limit = options.Limit.Duration > LongestRun ? LoadLimit.ForDuration(LongestRun) : options.Limit;
        Console.WriteLine($"Ingest alone (digest paused, pid {server.Process.Id}): measuring {limit} ...");
        var before = CpuSnapshot.Take(server.Process);
        var load = await generator.RunAsync(limit, CancellationToken.None);
        return (load, CpuUse.Between(before, CpuSnapshot.Take(server.Process)));
    }
}
