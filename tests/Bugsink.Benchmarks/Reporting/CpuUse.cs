using System.Diagnostics;
using System.Globalization;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Reporting;

// Cores kept busy over an interval: on a 2-core machine with client and server side by side, this says
// whether the server was short of CPU or waiting (on fsync, on a lock) while requests queued, and how
// much other processes (builds, tests) took, which makes a run's figures unreliable.
public readonly record struct CpuUse(double ServerCores, double ClientCores, double OtherCores)
{
    public static CpuUse Between(CpuSnapshot before, CpuSnapshot after)
    {
        var wall = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp);
        if (wall <= TimeSpan.Zero)
        {
            return default;
        }

        var server = before.Server is { } s0 && after.Server is { } s1 ? (s1 - s0) / wall : double.NaN;
        var client = (after.Client - before.Client) / wall;
        var machine = before.Machine is { } m0 && after.Machine is { } m1 ? (m1 - m0) / wall : double.NaN;
        return new CpuUse(server, client, Math.Max(0, machine - client - (double.IsNaN(server) ? 0 : server)));
    }

    public override string ToString() => double.IsNaN(ServerCores)
        ? $"load generator {Format(ClientCores)} cores, everything else (the server too) {Format(OtherCores)} (of {Environment.ProcessorCount})"
        : $"server {Format(ServerCores)} cores, load generator {Format(ClientCores)}, other processes {Format(OtherCores)} (of {Environment.ProcessorCount})";

    private static string Format(double cores) => double.IsNaN(cores) ? "n/a" : cores.ToString("0.00", CultureInfo.InvariantCulture);
}

// CPU time consumed so far by the server, by this process and by the whole machine (/proc/stat, Linux only).
public readonly record struct CpuSnapshot(TimeSpan? Server, TimeSpan Client, TimeSpan? Machine, long Timestamp)
{
    // USER_HZ, the unit of /proc/stat; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(ChildProcess? server)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(server?.TotalProcessorTime, self.TotalProcessorTime, MachineBusy(), Stopwatch.GetTimestamp());
    }

    private static TimeSpan? MachineBusy()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal ...": busy is everything but idle and iowait.
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        if (fields.Length > 9)
        {
            busy -= fields[8] + fields[9]; // guest time is already counted in user and nice
        }

        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
