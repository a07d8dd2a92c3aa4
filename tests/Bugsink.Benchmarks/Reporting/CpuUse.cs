using System.Diagnostics;

namespace Bugsink.Benchmarks.Reporting;

// Cores kept busy over an interval: on a 2-core machine with client and server side by side, this says
// whether the server was short of CPU or waiting (on fsync, on a lock) while requests queued.
public readonly record struct CpuUse(double ServerCores, double ClientCores)
{
    public static TimeSpan ClientTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    // Server times are null for a server we did not start; its share is then NaN.
    public static CpuUse Between(TimeSpan? serverBefore, TimeSpan? serverAfter, TimeSpan clientBefore, TimeSpan clientAfter, TimeSpan wall) =>
        wall <= TimeSpan.Zero
            ? default
            : new CpuUse(
                serverBefore is { } before && serverAfter is { } after ? (after - before) / wall : double.NaN,
                (clientAfter - clientBefore) / wall);

    public override string ToString() => FormattableString.Invariant(
        $"server {(double.IsNaN(ServerCores) ? "n/a" : ServerCores.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))} cores, load generator {ClientCores:0.00} cores (of {Environment.ProcessorCount})");
}
