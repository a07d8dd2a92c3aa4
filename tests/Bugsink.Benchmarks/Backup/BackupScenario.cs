using System.Diagnostics;
using System.Globalization;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;
using Bugsink.Benchmarks.Reporting;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Backup;

// `--scenario backup --data-dir DIR`: ingest latency while `bugsink backup` copies a large, seeded
// installation (issue 20: "writes under load do not stall for more than a few hundred milliseconds").
// One server on the folder, one load; phases back to back: no backup (the baseline), the online backup
// API (paced), VACUUM INTO, and no backup again (how far the machine's background load drifted). Each
// backup phase loads for exactly as long as the backup runs, the others for --duration; figures are
// reported as ratios to the first phase.
public static class BackupScenario
{
    // The load runs in slices this long, so a phase ends soon after its backup process does.
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan BackupTimeout = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var dataDir = options.DataDir;
        var mainDb = Path.Combine(dataDir ?? "", "bugsink.db");
        if (dataDir is null || !File.Exists(mainDb))
        {
            await Console.Error.WriteLineAsync(dataDir is null
                ? "--scenario backup needs --data-dir, a folder seeded with --seed-events N --seed-issues M --data-dir DIR"
                : $"{dataDir} holds no bugsink.db; seed it first with --seed-events N --seed-issues M --data-dir {dataDir}");
            return 2;
        }

        var dll = BugsinkServer.FindDll(options.ServerDll);
        var pool = PayloadPool.Build(options.Profile, options.Groups, options.Encoding, 1000, seed: 4711);
        var outFolder = Path.Combine(Path.GetTempPath(), "bugsink-backup-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outFolder);
        using var server = await BugsinkServer.StartAsync(dll, dataDir);
        try
        {
            var dsn = await server.CreateProjectAsync("backup-load-" + Guid.NewGuid().ToString("N")[..6]);
            var target = IngestTarget.FromDsn(dsn, server.BaseUrl, options.Encoding);
            server.KeepEveryEvent(target.ProjectId);
            Console.WriteLine(FormattableString.Invariant(
                $"Backup under load: {new FileInfo(mainDb).Length / 1048576.0:N0} MB bugsink.db in {dataDir}, {options.Connections} connections, {options.Profile.Name} events; server pid {server.Process.Id}"));
            MachineLoad.Print("before");
            using var generator = new LoadGenerator(pool, target, new EventIdSource(), options.Connections);
            await generator.RunAsync(ServerScenario.Warmup(options), CancellationToken.None);

            var baselineLength = options.Limit.Duration ?? TimeSpan.FromSeconds(20);
            var baseline = await LoadWhileAsync(generator, Task.Delay(baselineLength));
            var phases = new List<(string Name, LoadResult Load, TimeSpan Backup, string Summary)>
            {
                ("no backup", baseline, TimeSpan.Zero, ""),
            };
            foreach (var method in new[] { "backup", "vacuum" })
            {
                var archive = Path.Combine(outFolder, method + ".tar.gz");
                var clock = Stopwatch.StartNew();
                var backup = RunBackupAsync(dll, dataDir, archive, method, options);
                var load = await LoadWhileAsync(generator, backup);
                var lines = await backup;
                // The per-database lines say how much of the time was the copy itself, the rest is the archive.
                var copies = lines.Where(l => l.Contains("copied and checked", StringComparison.Ordinal));
                phases.Add(($"backup --method {method}", load, clock.Elapsed, string.Join("; ", copies.Append(lines[^1]))));
                File.Delete(archive);
            }

            // Once more at the end: on a shared machine the background load drifts, and this shows how much.
            phases.Add(("no backup, again", await LoadWhileAsync(generator, Task.Delay(baselineLength)), TimeSpan.Zero, ""));
            MachineLoad.Print("after");
            Print(phases, options);
            return 0;
        }
        finally
        {
            Directory.Delete(outFolder, recursive: true);
        }
    }

    private static Task<IReadOnlyList<string>> RunBackupAsync(string dll, string dataDir, string archive, string method, BenchmarkOptions options)
    {
        var arguments = new List<string> { dll, "backup", archive, "--method", method, "--Bugsink:DataDir=" + dataDir };
        if (options.BackupPagesPerStep is { } pages)
        {
            arguments.AddRange(["--pages-per-step", pages.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.BackupPauseMs is { } pause)
        {
            arguments.AddRange(["--pause-ms", pause.ToString(CultureInfo.InvariantCulture)]);
        }

        return DotnetHost.RunToEndAsync(arguments, BackupTimeout);
    }

    // Slice after slice of load until `until` completes; the slices' latencies form one phase.
    private static async Task<LoadResult> LoadWhileAsync(LoadGenerator generator, Task until)
    {
        var slices = new List<LoadResult>();
        do
        {
            slices.Add(await generator.RunAsync(LoadLimit.ForDuration(Slice), CancellationToken.None));
        }
        while (!until.IsCompleted);

        await until; // a failed backup fails the run, with its output
        var latencies = slices.SelectMany(s => s.LatenciesMs).ToArray();
        Array.Sort(latencies);
        var errors = slices.SelectMany(s => s.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new LoadResult(slices.Sum(s => s.Acknowledged), TimeSpan.FromTicks(slices.Sum(s => s.Elapsed.Ticks)), slices[0].FirstSendTimestamp, latencies, errors);
    }

    private static void Print(List<(string Name, LoadResult Load, TimeSpan Backup, string Summary)> phases, BenchmarkOptions options)
    {
        var pacing = options.BackupPagesPerStep is null && options.BackupPauseMs is null
            ? "default pacing"
            : $"--pages-per-step {options.BackupPagesPerStep?.ToString(CultureInfo.InvariantCulture) ?? "default"} --pause-ms {options.BackupPauseMs?.ToString(CultureInfo.InvariantCulture) ?? "default"}";
        Console.WriteLine();
        Console.WriteLine($"## Ingest latency during a backup ({pacing})");
        Console.WriteLine("| phase | backup s | events/s | p50 ms | p99 ms | max ms | errors | p50 / p99 / max vs no backup |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var baseline = phases[0].Load;
        foreach (var (name, load, backup, _) in phases)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {(backup == TimeSpan.Zero ? "-" : backup.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))} | {load.AcknowledgedPerSecond:N0} | {load.Percentile(0.5):0.0} | {load.Percentile(0.99):0.0} | {load.MaxMs:0} | {load.DescribeErrors()} | {load.Percentile(0.5) / baseline.Percentile(0.5):0.00} / {load.Percentile(0.99) / baseline.Percentile(0.99):0.00} / {load.MaxMs / baseline.MaxMs:0.00} |"));
        }

        foreach (var (name, _, _, summary) in phases.Where(p => p.Summary.Length > 0))
        {
            Console.WriteLine($"{name}: {summary}");
        }
    }
}
