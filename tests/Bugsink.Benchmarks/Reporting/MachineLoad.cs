namespace Bugsink.Benchmarks.Reporting;

// Other work on these two cores skews every figure, so each run says how much there was.
public static class MachineLoad
{
    // "Load average before the run (1/5/15 min): 1.2 0.9 0.7"; nothing where /proc/loadavg does not exist.
    public static void Print(string when)
    {
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"Load average {when} (1/5/15 min): {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");
        }
    }
}
