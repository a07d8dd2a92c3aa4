using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Bugsink.Benchmarks.Servers;

// A `dotnet some.dll …` process we started: its output is drained (a full pipe would stall it) and the last
// lines are kept for error messages; peak memory comes from the kernel's high-water mark.
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<string> _readyLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyMarker;
    private bool _disposed;
    private long _peakPolledBytes;

    private ChildProcess(Process process, string readyMarker)
    {
        _process = process;
        _readyMarker = readyMarker;
    }

    public int Id => _process.Id;

    public string RecentOutput => string.Join(Environment.NewLine, _lines);

    // Starts `dotnet <arguments>` and waits until a line containing readyMarker appears on stdout.
    public static async Task<ChildProcess> StartAsync(IEnumerable<string> arguments, string readyMarker, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, readyMarker);
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.Exited += (_, _) => child._readyLine.TrySetException(
            new InvalidOperationException("process exited before it was ready:" + Environment.NewLine + child.RecentOutput));
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            await child._readyLine.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            child.Dispose();
            throw new TimeoutException($"'{readyMarker}' did not appear within {timeout.TotalSeconds:0} s:{Environment.NewLine}{child.RecentOutput}");
        }

        return child;
    }

    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    // Called by the samplers; only a fallback where /proc/PID/status has no VmHWM (non-Linux).
    public void SampleWorkingSet()
    {
        _process.Refresh();
        var current = _process.WorkingSet64;
        if (current > Interlocked.Read(ref _peakPolledBytes))
        {
            Interlocked.Exchange(ref _peakPolledBytes, current);
        }
    }

    public long PeakWorkingSetBytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        return Interlocked.Read(ref _peakPolledBytes);
    }

    // Bytes the process caused to be written to storage (Linux /proc/PID/io), null elsewhere. Divided by
    // the events digested it shows how much the disk, not the CPU, has to carry per event.
    public long? StorageWriteBytes()
    {
        var io = $"/proc/{_process.Id}/io";
        if (!File.Exists(io))
        {
            return null;
        }

        var line = File.ReadLines(io).FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    // SIGTERM first so the runtime shuts down cleanly and removes its diagnostics socket and pipes from
    // the temp folder; a kill only if it has not exited after a few seconds.
    // Stopping twice is harmless: a scenario may stop its server early to start another on the same folder.
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited && !OperatingSystem.IsWindows())
        {
            var term = new ProcessStartInfo("kill") { UseShellExecute = false };
            term.ArgumentList.Add("-TERM");
            term.ArgumentList.Add(_process.Id.ToString(CultureInfo.InvariantCulture));
            using var kill = Process.Start(term);
            kill?.WaitForExit();
            _process.WaitForExit(10_000);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }

        if (line.Contains(_readyMarker, StringComparison.Ordinal))
        {
            _readyLine.TrySetResult(line);
        }
    }
}
