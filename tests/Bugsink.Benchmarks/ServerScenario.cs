using System.Diagnostics;
using Bugsink.Benchmarks.Digest;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;
using Bugsink.Benchmarks.Reporting;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks;

// The measured run against Bugsink: start it (or use the one given), warm it up, load it, then wait until
// the digest has caught up, and collect memory, disk and page figures before it is torn down.
public static class ServerScenario
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public static async Task<ServerMeasurement> RunAsync(BenchmarkOptions options, PayloadPool pool, EventIdSource ids)
    {
        if (options.ExternalServer)
        {
            var external = IngestTarget.FromDsn(options.Dsn!, options.Url!, options.Encoding);
            return await MeasureAsync(options, pool, ids, external, null, options.DataDir);
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "bugsink-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var dll = BugsinkServer.FindDll(options.ServerDll);
        var server = await BugsinkServer.StartAsync(dll, dataDir);
        try
        {
            var dsn = await server.CreateProjectAsync("benchmark");
            Console.WriteLine($"Server: pid {server.Process.Id}, {server.BaseUrl}, data in {dataDir}, DSN {dsn}");
            var target = IngestTarget.FromDsn(dsn, server.BaseUrl, options.Encoding);
            if (!options.DefaultRetention && !server.KeepEveryEvent(target.ProjectId))
            {
                Console.WriteLine("Could not lift the project's retention cap; stored events may be fewer than acknowledged.");
            }

            var measured = await MeasureAsync(options, pool, ids, target, server, dataDir);
            if (options.SkipIngestAlone)
            {
                return measured;
            }

            server.Dispose();
            return measured with { IngestAlone = await IngestAloneScenario.RunAsync(options, pool, ids, dll, dataDir, dsn) };
        }
        finally
        {
            server.Dispose();
            if (!options.KeepData && Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static async Task<ServerMeasurement> MeasureAsync(
        BenchmarkOptions options, PayloadPool pool, EventIdSource ids, IngestTarget target, BugsinkServer? server, string? dataDir)
    {
        using var generator = new LoadGenerator(pool, target, ids, options.Connections);
        var warmup = await generator.RunAsync(Warmup(options), CancellationToken.None);
        var inboxPath = dataDir is null ? null : Path.Combine(dataDir, "inbox.db");
        if (inboxPath is not null)
        {
            await WaitForEmptyInboxAsync(inboxPath);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"Warm-up: {warmup.Acknowledged:N0} events acknowledged and digested; measuring {options.Limit} ..."));
        var writtenAtStart = server?.Process.StorageWriteBytes();
        var cpuAtStart = CpuSnapshot.Take(server?.Process);
        var start = Stopwatch.GetTimestamp();
        await using var monitor = inboxPath is null ? null : new DigestMonitor(inboxPath, () => generator.Acknowledged, server?.Process, start);
        var load = await generator.RunAsync(options.Limit, CancellationToken.None);
        var cpuLoaded = CpuSnapshot.Take(server?.Process);
        var loadCpu = CpuUse.Between(cpuAtStart, cpuLoaded);
        Console.WriteLine(FormattableString.Invariant($"Load finished after {load.Elapsed.TotalSeconds:0.0} s; waiting for the digest ..."));

        double? drainedAt = null;
        CpuUse? drainCpu = null;
        if (monitor is not null)
        {
            drainedAt = await monitor.WaitUntilDrainedAsync(load.Elapsed.TotalSeconds, StallLimit);
            drainCpu = CpuUse.Between(cpuLoaded, CpuSnapshot.Take(server?.Process));
        }

        var written = server?.Process.StorageWriteBytes() - writtenAtStart;
        var lag = monitor?.Samples ?? [];
        var storage = dataDir is null ? null : StorageFigures.Read(dataDir);
        var peak = server?.Process.PeakWorkingSetBytes();
        var pages = await PageTimings.MeasureAsync(target.BaseUrl, server is null ? options.Login : BugsinkServer.Admin);
        return new ServerMeasurement(load, warmup.Acknowledged, drainedAt, lag, storage, peak, written, loadCpu, drainCpu, pages, server?.Process.RecentOutput ?? "");
    }

    // Long enough for tiered JIT to finish optimising the hot path (in a 20 s run it otherwise takes
    // a tenth of the server's CPU while being measured), short enough to keep --quick quick.
    public static LoadLimit Warmup(BenchmarkOptions options) => LoadLimit.ForDuration(TimeSpan.FromSeconds(options.Quick ? 1 : 5));

    private static async Task WaitForEmptyInboxAsync(string inboxPath)
    {
        using var probe = new InboxProbe(inboxPath);
        var deadline = Stopwatch.GetTimestamp() + (long)(StallLimit.TotalSeconds * Stopwatch.Frequency);
        while (probe.WaitingExact() > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("the warm-up events were not digested within a minute");
            }

            await Task.Delay(100);
        }
    }
}
