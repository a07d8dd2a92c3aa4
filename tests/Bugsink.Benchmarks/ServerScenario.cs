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
        var dataDir = options.DataDir;
        BugsinkServer? server = null;
        IngestTarget target;
        if (options.ExternalServer)
        {
            target = IngestTarget.FromDsn(options.Dsn!, options.Url!, options.Encoding);
        }
        else
        {
            dataDir = Path.Combine(Path.GetTempPath(), "bugsink-bench-" + Guid.NewGuid().ToString("N")[..8]);
            server = await BugsinkServer.StartAsync(BugsinkServer.FindDll(options.ServerDll), dataDir);
            var dsn = await server.CreateProjectAsync("benchmark");
            Console.WriteLine($"Server: pid {server.Process.Id}, {server.BaseUrl}, data in {dataDir}, DSN {dsn}");
            target = IngestTarget.FromDsn(dsn, server.BaseUrl, options.Encoding);
        }

        try
        {
            return await MeasureAsync(options, pool, ids, target, server, dataDir);
        }
        finally
        {
            server?.Dispose();
            if (server is not null && !options.KeepData && Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static async Task<ServerMeasurement> MeasureAsync(
        BenchmarkOptions options, PayloadPool pool, EventIdSource ids, IngestTarget target, BugsinkServer? server, string? dataDir)
    {
        using var generator = new LoadGenerator(pool, target, ids, options.Connections);
        var warmup = await generator.RunAsync(LoadLimit.ForCount(WarmupRequests(options)), CancellationToken.None);
        var inboxPath = dataDir is null ? null : Path.Combine(dataDir, "inbox.db");
        if (inboxPath is not null)
        {
            await WaitForEmptyInboxAsync(inboxPath);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"Warm-up: {warmup.Acknowledged:N0} events acknowledged and digested; measuring {options.Limit} ..."));
        var serverCpu = server?.Process.TotalProcessorTime;
        var clientCpu = CpuUse.ClientTime();
        var start = Stopwatch.GetTimestamp();
        await using var monitor = inboxPath is null ? null : new DigestMonitor(inboxPath, () => generator.Acknowledged, server?.Process, start);
        var load = await generator.RunAsync(options.Limit, CancellationToken.None);
        var serverCpuLoaded = server?.Process.TotalProcessorTime;
        var clientCpuLoaded = CpuUse.ClientTime();
        var loadCpu = CpuUse.Between(serverCpu, serverCpuLoaded, clientCpu, clientCpuLoaded, load.Elapsed);
        Console.WriteLine(FormattableString.Invariant($"Load finished after {load.Elapsed.TotalSeconds:0.0} s; waiting for the digest ..."));

        double? drainedAt = null;
        CpuUse? drainCpu = null;
        if (monitor is not null)
        {
            drainedAt = await monitor.WaitUntilDrainedAsync(load.Elapsed.TotalSeconds, StallLimit);
            var tail = Stopwatch.GetElapsedTime(start) - load.Elapsed;
            drainCpu = CpuUse.Between(serverCpuLoaded, server?.Process.TotalProcessorTime, clientCpuLoaded, CpuUse.ClientTime(), tail);
        }

        var lag = monitor?.Samples ?? [];
        var storage = dataDir is null ? null : StorageFigures.Read(dataDir);
        var peak = server?.Process.PeakWorkingSetBytes();
        var pages = await PageTimings.MeasureAsync(target.BaseUrl);
        return new ServerMeasurement(load, warmup.Acknowledged, drainedAt, lag, storage, peak, loadCpu, drainCpu, pages);
    }

    public static long WarmupRequests(BenchmarkOptions options) => options.Connections * 20L;

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
