using System.Diagnostics;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;
using Bugsink.Benchmarks.Reporting;

namespace Bugsink.Benchmarks;

// One invocation: build the payloads, measure the baseline, measure the server, print the report.
public static class BenchmarkRun
{
    // Enough distinct bodies that the server never sees the same bytes twice in a row.
    private const int MinimumTemplates = 1000;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        if (options.PrintSample)
        {
            var sample = PayloadPool.Build(options.Profile, 1, PayloadEncoding.None, 1, seed: 4711)[0];
            var body = new byte[sample.WireLength];
            sample.WriteTo(body, "0123456789abcdef0123456789abcdef"u8);
            await Console.OpenStandardOutput().WriteAsync(body);
            return 0;
        }

        Console.WriteLine(FormattableString.Invariant(
            $"Bugsink benchmark: {options.Profile.Name} events, {(options.Encoding == PayloadEncoding.Gzip ? "gzip (.NET SDK style)" : "plain (browser SDK style)")}, {options.Connections} connections, {options.Groups:N0} groups, {options.Limit}{(options.Quick ? " (quick)" : "")}"));
        // The per-phase CPU lines show how much other work there was during the run.
        MachineLoad.Print("before the run");

        var building = Stopwatch.StartNew();
        var pool = PayloadPool.Build(options.Profile, options.Groups, options.Encoding, MinimumTemplates, seed: 4711);
        Console.WriteLine(FormattableString.Invariant(
            $"Built {pool.Count:N0} payloads in {building.Elapsed.TotalSeconds:0.0} s: {pool.MeanRawBytes / 1024:0.0} KB raw, {pool.MeanWireBytes / 1024:0.0} KB on the wire"));

        var ids = new EventIdSource();
        (LoadResult, CpuUse)? baseline = options.SkipBaseline ? null : await BaselineScenario.RunAsync(options, pool, ids);
        var server = await ServerScenario.RunAsync(options, pool, ids);
        new ResultReport(options, pool, baseline, server).Print(Console.Out);
        return 0;
    }
}
