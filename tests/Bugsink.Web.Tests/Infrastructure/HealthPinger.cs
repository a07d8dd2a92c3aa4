using System.Diagnostics;
using System.Globalization;

namespace Bugsink.Web.Tests.Infrastructure;

// Times a server's answers from a process of its own: curl in a shell loop, one request every 50 ms,
// writing curl's own time_total per answer. Timed from inside the test process, the figure included that
// process's thread pool, busy with 32 senders (the bomb test counted 9 checks in 15 rounds that way).
public sealed class HealthPinger
{
    private readonly Process _loop;
    private readonly string _timesPath;

    private HealthPinger(Process loop, string timesPath)
    {
        _loop = loop;
        _timesPath = timesPath;
    }

    public static HealthPinger Start(Uri url)
    {
        var timesPath = Path.Combine(Path.GetTempPath(), $"health-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        // A failed answer is written as -1 and fails the test below.
        info.ArgumentList.Add($"while :; do curl -s -o /dev/null -f -w '%{{time_total}}\\n' '{url}' >> '{timesPath}' || echo -1 >> '{timesPath}'; sleep 0.05; done");
        return new HealthPinger(Process.Start(info) ?? throw new InvalidOperationException("bash did not start"), timesPath);
    }

    // Milliseconds per answer, in order.
    public async Task<List<double>> StopAsync()
    {
        _loop.Kill(entireProcessTree: true);
        await _loop.WaitForExitAsync();
        _loop.Dispose();
        var lines = File.Exists(_timesPath) ? await File.ReadAllLinesAsync(_timesPath) : [];
        File.Delete(_timesPath);
        var times = lines.Where(l => l.Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture) * 1000).ToList();
        Assert.DoesNotContain(times, t => t < 0);
        return times;
    }
}
