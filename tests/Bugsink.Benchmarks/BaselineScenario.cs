using System.Globalization;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;
using Bugsink.Benchmarks.Reporting;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks;

// The same client, payloads and limits against the bare Kestrel baseline in its own process.
public static class BaselineScenario
{
    public static async Task<(LoadResult Load, CpuUse Cpu)> RunAsync(BenchmarkOptions options, PayloadPool pool, EventIdSource ids)
    {
        var (process, target) = await StartAsync(options);
        using (process)
        {
            using var generator = new LoadGenerator(pool, target, ids, options.Connections);
            await generator.RunAsync(ServerScenario.Warmup(options), CancellationToken.None);
            Console.WriteLine($"Baseline (pid {process.Id}, {target.BaseUrl}): measuring {options.Limit} ...");
            var before = CpuSnapshot.Take(process);
            var load = await generator.RunAsync(options.Limit, CancellationToken.None);
            var cpu = CpuUse.Between(before, CpuSnapshot.Take(process));
            return (load, cpu);
        }
    }

    public static async Task<(ChildProcess Process, IngestTarget Target)> StartAsync(BenchmarkOptions options)
    {
        var baseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}/"));
        var process = await BaselineServer.StartProcessAsync(baseUrl);
        // Any key and project id will do: the baseline does not authenticate.
        return (process, new IngestTarget(baseUrl, 1, "0123456789abcdef0123456789abcdef", options.Encoding));
    }
}
