using System.Globalization;
using System.Runtime.InteropServices;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;

namespace Bugsink.Benchmarks.Reporting;

// The figures in words, then one markdown table row ready for the README's performance table.
public sealed record ResultReport(
    BenchmarkOptions Options,
    PayloadPool Pool,
    (LoadResult Load, CpuUse Cpu)? Baseline,
    ServerMeasurement Server)
{
    // Background work above this share of the cores makes a run incomparable with a quiet one.
    private const double NoisyOtherCores = 0.25;

    public void Print(TextWriter output)
    {
        var server = Server;
        var load = server.Load;
        output.WriteLine();
        output.WriteLine("## Results");
        output.WriteLine(Invariant($"Payloads: {Pool.Count:N0} templates, {Pool.MeanRawBytes / 1024:0.0} KB raw, {Pool.MeanWireBytes / 1024:0.0} KB on the wire ({Describe(Options.Encoding)}), {Options.Groups:N0} groups"));
        if (Baseline is { } baseline)
        {
            output.WriteLine(Invariant($"Baseline: {baseline.Load.AcknowledgedPerSecond:N0} events/s, latency ms {Latencies(baseline.Load)}, errors: {baseline.Load.DescribeErrors()}; CPU {baseline.Cpu}"));
        }

        output.WriteLine(Invariant($"Bugsink:  {load.Acknowledged:N0} acknowledged in {load.Elapsed.TotalSeconds:0.0} s = {load.AcknowledgedPerSecond:N0} events/s, errors: {load.DescribeErrors()}"));
        output.WriteLine(Invariant($"  latency ms (p50/p95/p99/max): {Latencies(load)}"));
        output.WriteLine(Invariant($"  CPU during load: {server.LoadCpu}"));
        if ((!Options.ExternalServer && server.LoadCpu.OtherCores > NoisyOtherCores) || Baseline?.Cpu.OtherCores > NoisyOtherCores)
        {
            output.WriteLine("  WARNING: other processes took CPU during the measurement; these figures understate what this machine can do.");
        }

        if (server.DrainedAfterSeconds is { } drained)
        {
            output.WriteLine(Invariant($"  digested: inbox empty {drained:0.0} s after the first send ({server.DigestTailSeconds:0.0} s after the last ack), end to end {server.EndToEndPerSecond:N0} events/s; largest backlog {server.MaxWaiting:N0}"));
            output.WriteLine(Invariant($"  CPU while the digest caught up: {server.DrainCpu}"));
        }
        else
        {
            output.WriteLine(server.Lag.Count == 0
                ? "  digest: not measured (no data folder; pass --data-dir with --url)"
                : "  digest: STALLED, no event was digested for a minute");
        }

        if (server.Storage is { } storage)
        {
            var expected = load.Acknowledged + server.WarmupAcknowledged;
            output.WriteLine(Options.ExternalServer
                ? Invariant($"  stored events in that server's database: {storage.StoredEvents:N0}")
                : Invariant($"  stored events: {storage.StoredEvents:N0} of {expected:N0} acknowledged (incl. {server.WarmupAcknowledged:N0} warm-up){StoredNote(storage.StoredEvents, expected)}"));
            if (StoredNote(storage.StoredEvents, expected).Contains("MISMATCH", StringComparison.Ordinal) || server.DrainedAfterSeconds is null)
            {
                output.WriteLine("  last lines the server printed:");
                output.WriteLine(server.ServerOutput);
            }

            output.WriteLine(Invariant($"  disk: bugsink.db {storage.MainFileBytes / 1048576.0:N1} MB + -wal {storage.WalBytes / 1048576.0:N1} MB = {storage.BytesPerEvent:N0} bytes/event"));
        }

        if (server.StorageWritesPerEvent is { } writes)
        {
            output.WriteLine(Invariant($"  storage writes by the server: {writes / 1024:N1} KB per event ({server.StorageWriteBytes / 1048576.0:N0} MB from the first send until digested)"));
        }

        if (server.PeakWorkingSetBytes is { } peak)
        {
            output.WriteLine(Invariant($"  peak working set of the server: {peak / 1048576.0:N0} MB"));
        }

        output.WriteLine($"  pages: {server.Pages}");
        if (server.IngestAlone is { } alone)
        {
            output.WriteLine(Invariant($"Ingest alone (restarted with the digest paused): {alone.Load.AcknowledgedPerSecond:N0} events/s{OfBaseline(alone.Load)}, errors: {alone.Load.DescribeErrors()}"));
            output.WriteLine(Invariant($"  latency ms (p50/p95/p99/max): {Latencies(alone.Load)}; CPU {alone.Cpu}"));
            if (alone.Alternating is { } alternating)
            {
                output.WriteLine(Invariant(
                    $"  alternating with the baseline ({alternating.Rounds} rounds of {alternating.Each.TotalSeconds:0} s each): {alternating.IngestPerSecond:N0} against {alternating.BaselinePerSecond:N0} events/s = {100 * alternating.Ratio:0}%, errors: {alternating.Errors}"));
            }
        }

        output.WriteLine();
        output.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load generator on the same machine."));
        output.WriteLine();
        output.WriteLine("| scenario | events/s acked | e2e events/s | p50 / p95 / p99 / max ms | baseline events/s | ratio | peak WS MB | bytes/event |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        output.WriteLine(Row());
        if (server.IngestAlone is { } ingestAlone)
        {
            output.WriteLine(IngestAloneRow(ingestAlone.Load));
            if (ingestAlone.Alternating is { } alternating)
            {
                output.WriteLine(AlternatingRow(alternating));
            }
        }
    }

    private string IngestAloneRow(LoadResult alone) => Invariant(
        $"| {Options.Profile.Name}, ingest alone (digest paused) | {alone.AcknowledgedPerSecond:N0} | – | {Latencies(alone)} | {Or(Baseline?.Load.AcknowledgedPerSecond, "N0")} | {Ratio(alone)} | – | – |");

    private string AlternatingRow(AlternatingMeasurement alternating) => Invariant(
        $"| {Options.Profile.Name}, ingest alone alternating with the baseline ({alternating.Rounds} × {alternating.Each.TotalSeconds:0} s each) | {alternating.IngestPerSecond:N0} | – | – | {alternating.BaselinePerSecond:N0} | {100 * alternating.Ratio:0}% | – | – |");

    private string OfBaseline(LoadResult load) => Baseline is null ? "" : Invariant($" = {Ratio(load)} of the baseline");

    private string Ratio(LoadResult load) => Baseline?.Load.AcknowledgedPerSecond is > 0 and var baseline
        ? Invariant($"{100 * load.AcknowledgedPerSecond / baseline:0}%")
        : "n/a";

    private string Row()
    {
        var load = Server.Load;
        var scenario = Invariant($"{Options.Profile.Name} {Pool.MeanRawBytes / 1024:0.0} KB, {Describe(Options.Encoding)}, {Options.Connections} conn, {Options.Groups:N0} groups, {Options.Limit}");
        return Invariant(
            $"| {scenario} | {load.AcknowledgedPerSecond:N0} | {Or(Server.EndToEndPerSecond, "N0")} | {Latencies(load)} | {Or(Baseline?.Load.AcknowledgedPerSecond, "N0")} | {Ratio(load)} | {Or(Server.PeakWorkingSetBytes / 1048576.0, "N0")} | {Or(Server.Storage?.BytesPerEvent, "N0")} |");
    }

    private string StoredNote(long stored, long expected) => stored == expected || Options.ExternalServer
        ? ""
        : Options.DefaultRetention && stored < expected ? " (the rest evicted by the project's retention cap)" : "  <-- MISMATCH";

    private static string Latencies(LoadResult load) =>
        Invariant($"{load.Percentile(0.50):0.0} / {load.Percentile(0.95):0.0} / {load.Percentile(0.99):0.0} / {load.MaxMs:0.0}");

    private static string Describe(PayloadEncoding encoding) => encoding == PayloadEncoding.Gzip ? "gzip" : "plain";

    private static string Or(double? value, string format) =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
