using System.Diagnostics;
using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Retention;

// What the flood test watches while the flood runs: every half second the data files on disk (the
// main database, its write-ahead log, the inbox and its log) and the events the project keeps, and every
// quarter second how long a logged-in user waits for the project's issue list. (Probed every half
// second, a flood that ingest got through in under 10 s gave too few samples for a meaningful p95.)
public sealed class FloodWatch(ServerProcess server, long projectId, PageClient user)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(250);
    private static readonly string[] Files = ["bugsink.db", "bugsink.db-wal", "inbox.db", "inbox.db-wal"];
    private readonly List<double> _pageMilliseconds = [];
    private readonly List<int> _pageStatuses = [];

    public long PeakDiskBytes { get; private set; }

    // Each file's largest size seen, by name.
    public Dictionary<string, long> PeakFileBytes { get; } = Files.ToDictionary(f => f, _ => 0L);

    public long PeakStored { get; private set; }

    public int Samples { get; private set; }

    public IReadOnlyList<double> PageMilliseconds => _pageMilliseconds;

    public IReadOnlyList<int> PageStatuses => _pageStatuses;

    public string PagePath => $"/projects/{projectId}/issues/";

    public Task RunAsync(Task until) => Task.WhenAll(SampleDiskAsync(until), ProbePageAsync(until));

    public long DiskBytes() => Files.Sum(FileBytes);

    public long Stored() => server.Scalar("bugsink.db", $"SELECT ifnull(sum(StoredEventCount), 0) FROM Issues WHERE ProjectId = {projectId}");

    public long Seen() => server.Scalar("bugsink.db", $"SELECT ifnull(sum(EventCount), 0) FROM Issues WHERE ProjectId = {projectId}");

    // (median, 95th percentile, max) of the page's answer times, in milliseconds.
    public (double Median, double P95, double Max) PageTimes()
    {
        var sorted = _pageMilliseconds.Order().ToArray();
        return sorted.Length == 0 ? (0, 0, 0) : (sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1], sorted[^1]);
    }

    private async Task SampleDiskAsync(Task until)
    {
        while (!until.IsCompleted)
        {
            foreach (var file in Files)
            {
                PeakFileBytes[file] = Math.Max(PeakFileBytes[file], FileBytes(file));
            }

            PeakDiskBytes = Math.Max(PeakDiskBytes, DiskBytes());
            PeakStored = Math.Max(PeakStored, Stored());
            Samples++;
            await Task.WhenAny(until, Task.Delay(Every));
        }
    }

    // The whole answer is read (what the browser waits for), then the next request goes a quarter second later.
    private async Task ProbePageAsync(Task until)
    {
        while (!until.IsCompleted)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await user.Http.GetAsync(new Uri(PagePath, UriKind.Relative)))
            {
                await response.Content.ReadAsByteArrayAsync();
                _pageMilliseconds.Add(watch.Elapsed.TotalMilliseconds);
                _pageStatuses.Add((int)response.StatusCode);
                if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage?.RequestUri?.AbsolutePath != PagePath)
                {
                    throw new InvalidOperationException($"The issue list answered {(int)response.StatusCode} at {response.RequestMessage?.RequestUri} during the flood.");
                }
            }

            await Task.WhenAny(until, Task.Delay(ProbeEvery));
        }
    }

    private long FileBytes(string file)
    {
        try
        {
            return new FileInfo(Path.Combine(server.DataDir, file)).Length;
        }
        catch (FileNotFoundException)
        {
            // A write-ahead log is removed when its database's last connection closes.
            return 0;
        }
    }
}
