using Bugsink.Benchmarks;
using Bugsink.Benchmarks.Servers;

// The same executable is the load generator and, started as a child with `baseline-server`, the baseline.
if (args.Length > 0 && args[0] == BaselineServer.Command)
{
    return await BaselineServer.RunAsync(args[1..]);
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message + Environment.NewLine + BenchmarkOptions.Usage);
    return 2;
}

if (options.Scenario == "backup" && !options.Seeding)
{
    return await Bugsink.Benchmarks.Backup.BackupScenario.RunAsync(options);
}

if (options.Scenario is "sourcemaps" or "channels")
{
    Bugsink.Benchmarks.Paired.IPairedVariant variant = options.Scenario == "sourcemaps"
        ? new Bugsink.Benchmarks.Paired.SourceMapVariant(Bugsink.Benchmarks.Paired.JavaScriptBundle.Build())
        : new Bugsink.Benchmarks.Paired.ChannelVariant();
    return await Bugsink.Benchmarks.Paired.PairedScenario.RunAsync(options, variant);
}

return options.Seeding ? await Bugsink.Benchmarks.Seed.SeedRun.RunAsync(options) : await BenchmarkRun.RunAsync(options);
