using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bugsink.Web.Tests.Features.Quotas;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Retention;

// One issue flooded from 16 connections for up to ~40 s into a project capped at 1,000 events, with
// every eighth request going to a neighbour over its per-minute quota (so refusals happen however fast
// this machine is): eviction keeps the main database near the cap, a page keeps answering quickly, and
// every 429 carries headers all three SDK parsers read. Prints its figures for the report.
[Collection(SequentialServers.Name)]
public sealed class FloodTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Cap = 1000;
    private const int Connections = 16;
    private const int MaxEvents = 200_000;
    private const int QuotaPerMinute = 1_000;
    private static readonly TimeSpan FloodFor = TimeSpan.FromSeconds(40);
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FloodOfOneIssue_DiskStaysNearTheCap_PagesStayFast_Every429CarriesTheHeaders()
    {
        var project = await _server.CreateProjectAsync("Flooded");
        var limited = await _server.CreateProjectAsync("Over quota");
        RetentionEvents.SetProject(_server, project.Id, $"RetentionMaxEvents = {Cap}");
        RetentionEvents.SetProject(_server, limited.Id, $"QuotaPerMinute = {QuotaPerMinute}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = _server.BaseAddress };
        var flood = new Flood(http, project, limited);
        using var stop = new CancellationTokenSource(FloodFor);
        var probes = new ConcurrentBag<(string Path, double Milliseconds)>();
        var peaks = new Peaks();

        var watch = Stopwatch.StartNew();
        var sending = Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(() => flood.SendAsync(MaxEvents, stop))));
        var probing = ProbeAsync(probes, sending);
        var sampling = SampleAsync(peaks, project.Id, sending);
        await Task.WhenAll(sending, probing, sampling);
        var floodSeconds = watch.Elapsed.TotalSeconds;

        await _server.WaitForDigestAsync(TimeSpan.FromSeconds(60));
        await RetentionEvents.WaitUntilAsync(() => Stored(project.Id) <= Cap, "eviction has caught up", TimeSpan.FromSeconds(30));
        var (mainBytes, walBytes) = MainDatabaseBytes();
        var health = Percentiles(probes.Where(p => p.Path == "/health/live"));
        var login = Percentiles(probes.Where(p => p.Path != "/health/live"));
        output.WriteLine($"sent {flood.Sent:N0} in {floodSeconds:0.0} s = {flood.Sent / floodSeconds:N0} requests/s; 200: {flood.Accepted:N0} " +
            $"({flood.Accepted / floodSeconds:N0}/s, {flood.AcceptedForLimited:N0} of them to the limited project), 429: {flood.Refused:N0}, " +
            $"other: {flood.Other}, 429 without proper headers: {flood.BadRefusals}");
        output.WriteLine($"stored: peak {peaks.Stored:N0}, after {Stored(project.Id):N0} (cap {Cap:N0}); seen {Seen(project.Id):N0}");
        output.WriteLine($"bugsink.db: peak {peaks.MainBytes / 1e6:0.0} MB + WAL peak {peaks.WalBytes / 1e6:0.0} MB; after {mainBytes / 1e6:0.0} MB + WAL {walBytes / 1e6:0.0} MB; inbox.db peak {peaks.InboxBytes / 1e6:0.0} MB");
        output.WriteLine($"GET /health/live during the flood: median {health.Median:0.0} ms, p95 {health.P95:0.0} ms, max {health.Max:0.0} ms ({health.Count} probes)");
        output.WriteLine($"GET /accounts/login/ during the flood: median {login.Median:0.0} ms, p95 {login.P95:0.0} ms, max {login.Max:0.0} ms ({login.Count} probes)");

        Assert.True(flood.Sent >= 20_000, $"only {flood.Sent} requests were sent; this was no flood");
        Assert.True(flood.Refused > 0, "the quota never refused anything");
        Assert.Equal(0, flood.BadRefusals);
        Assert.Equal(0, flood.Other);
        Assert.Equal(flood.Accepted - flood.AcceptedForLimited, Seen(project.Id));
        Assert.InRange(flood.AcceptedForLimited, 1, 2 * QuotaPerMinute);
        Assert.InRange(Stored(project.Id), Cap / 2, Cap);
        Assert.Equal(Stored(project.Id), _server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", project.Id)));
        // Unbounded, the accepted events alone would take about 0.6 KB each; the file stays a fraction of that.
        Assert.True(peaks.MainBytes < 20_000_000, $"bugsink.db grew to {peaks.MainBytes / 1e6:0.0} MB");
        Assert.True(health.P95 < 200, $"/health/live p95 {health.P95:0} ms");
        Assert.True(login.P95 < 200, $"/accounts/login/ p95 {login.P95:0} ms");
    }

    private async Task ProbeAsync(ConcurrentBag<(string, double)> probes, Task until)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        while (!until.IsCompleted)
        {
            foreach (var path in new[] { "/health/live", "/accounts/login/" })
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                probes.Add((path, watch.Elapsed.TotalMilliseconds));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await Task.Delay(100);
        }
    }

    private async Task SampleAsync(Peaks peaks, long projectId, Task until)
    {
        while (!until.IsCompleted)
        {
            var (main, wal) = MainDatabaseBytes();
            peaks.Record(Stored(projectId), main, wal, new FileInfo(Path.Combine(_server.DataDir, "inbox.db")).Length);
            await Task.Delay(500);
        }
    }

    private (long Main, long Wal) MainDatabaseBytes()
    {
        var wal = new FileInfo(_server.MainDatabasePath + "-wal");
        return (new FileInfo(_server.MainDatabasePath).Length, wal.Exists ? wal.Length : 0);
    }

    private long Stored(long projectId) => _server.Count("SELECT ifnull(sum(StoredEventCount), 0) FROM Issues WHERE ProjectId = $p", ("$p", projectId));

    private long Seen(long projectId) => _server.Count("SELECT ifnull(sum(EventCount), 0) FROM Issues WHERE ProjectId = $p", ("$p", projectId));

    private static (double Median, double P95, double Max, int Count) Percentiles(IEnumerable<(string, double Milliseconds)> probes)
    {
        var sorted = probes.Select(p => p.Milliseconds).Order().ToArray();
        return sorted.Length == 0 ? (0, 0, 0, 0) : (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.95)], sorted[^1], sorted.Length);
    }

    private sealed class Peaks
    {
        public long Stored { get; private set; }

        public long MainBytes { get; private set; }

        public long WalBytes { get; private set; }

        public long InboxBytes { get; private set; }

        public void Record(long stored, long main, long wal, long inbox) =>
            (Stored, MainBytes, WalBytes, InboxBytes) = (Math.Max(Stored, stored), Math.Max(MainBytes, main), Math.Max(WalBytes, wal), Math.Max(InboxBytes, inbox));
    }

    // The senders: one envelope per request, a fresh event id each (the same id twice would be a duplicate),
    // the same exception every time so it is all one issue.
    private sealed class Flood(HttpClient http, TestProject project, TestProject limited)
    {
        private static readonly string Padding = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(300));
        private int _tickets, _sent, _accepted, _acceptedForLimited, _refused, _other, _badRefusals;

        public int Sent => _sent;

        public int Accepted => _accepted;

        public int AcceptedForLimited => _acceptedForLimited;

        public int Refused => _refused;

        public int Other => _other;

        public int BadRefusals => _badRefusals;

        public async Task SendAsync(int max, CancellationTokenSource stop)
        {
            int ticket;
            while (!stop.IsCancellationRequested && (ticket = Interlocked.Increment(ref _tickets)) <= max)
            {
                var target = ticket % 8 == 0 ? limited : project;
                var id = Envelopes.NewEventId();
                var payload = $$$"""{"event_id":"{{{id}}}","platform":"csharp","level":"error","exception":{"values":[{"type":"FloodException","value":"the same thing again"}]},"extra":{"padding":"{{{Padding}}}"}}""";
                var answer = await http.PostAsync($"/api/{target.Id}/envelope/", Envelopes.EventEnvelope(id, payload), IngestClient.AuthFor(target));
                Interlocked.Increment(ref _sent);
                switch (answer.Status)
                {
                    case 200:
                        Interlocked.Increment(ref _accepted);
                        if (target == limited)
                        {
                            Interlocked.Increment(ref _acceptedForLimited);
                        }

                        break;
                    case 429:
                        Interlocked.Increment(ref _refused);
                        if (!CarriesRateLimits(answer))
                        {
                            Interlocked.Increment(ref _badRefusals);
                        }

                        break;
                    default:
                        Interlocked.Increment(ref _other);
                        break;
                }
            }
        }

        private static bool CarriesRateLimits(IngestAnswer answer)
        {
            if (!answer.Headers.TryGetValues("Retry-After", out var retry) || !answer.Headers.TryGetValues("X-Sentry-Rate-Limits", out var limits))
            {
                return false;
            }

            var header = string.Join(",", limits);
            try
            {
                var dotnet = RateLimitParsers.Dotnet(header);
                var python = RateLimitParsers.Python(header, out var skipped);
                var javascript = RateLimitParsers.JavaScript(header, out var defaulted);
                return int.TryParse(string.Join("", retry), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && skipped == 0 && defaulted == 0
                    && dotnet.Count == python.Count && python.Count == javascript.Count && dotnet.All(l => l.Seconds > 0);
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
            {
                return false;
            }
        }
    }
}
