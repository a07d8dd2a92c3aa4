using System.Globalization;

namespace Bugsink.Web.Tests.Infrastructure;

// Resident memory of a process as the kernel counts it (/proc/PID/status, Linux only): VmRSS now and VmHWM,
// the peak since the process started. A peak cannot be missed between two samples.
public static class ProcessMemory
{
    public static long ResidentBytes(int pid) => Read(pid, "VmRSS:");

    public static long PeakResidentBytes(int pid) => Read(pid, "VmHWM:");

    public static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmHWM:	  171520 kB"
                var kilobytes = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
