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
        var (process, generator, baseUrl) = await StartWarmedAsync(options, pool, ids);
        using (process)
        using (generator)
        {
            Console.WriteLine($"Baseline (pid {process.Id}, {baseUrl}): measuring {options.Limit} ...");
            var before = CpuSnapshot.Take(process);
            var load = await generator.RunAsync(options.Limit, CancellationToken.None);
            var cpu = CpuUse.Between(before, CpuSnapshot.Take(process));
            return (load, cpu);
        }
    }

    // The baseline process and a load generator aimed at it, warmed up like the server's; the caller disposes both.
    public static async Task<(ChildProcess Process, LoadGenerator Generator, Uri BaseUrl)> StartWarmedAsync(
        BenchmarkOptions options, PayloadPool pool, EventIdSource ids)
    {
        var baseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}/"));
        var process = await BaselineServer.StartProcessAsync(baseUrl);
        // Any key and project id will do: the baseline does not authenticate.
        var generator = new LoadGenerator(pool, new IngestTarget(baseUrl, 1, "0123456789abcdef0123456789abcdef", options.Encoding), ids, options.Connections);
        await generator.RunAsync(ServerScenario.Warmup(options), CancellationToken.None);
        return (process, generator, baseUrl);
    }
}
