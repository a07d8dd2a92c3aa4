using System.Diagnostics;
using System.Globalization;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Retention;

// Issue 8's flood: one issue, 200,000 events sent as fast as 32 connections can send them to the real
// server in its own process, into a project with the default cap of 10,000 events. A per-hour project
// quota and the digest backlog bound both refuse part of it. While it runs: the data files stay within the
// cap's worth of disk plus a stated margin, a logged-in user's issue list answers in under 200 ms, every
// 429 carries headers that all three SDK parsers read, and nothing answers 5xx. Afterwards, everything
// acknowledged was counted. Prints its figures for the report.
[Collection(SequentialServers.Name)]
public sealed class FloodTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 200_000;
    private const int Cap = 10_000;
    private const int Connections = 32;
    private const int QuotaPerHour = 90_000;
    // Low enough that the digest falls that far behind at times on this machine, so back-pressure
    // refuses some of the flood too (as a 429 scoped to the installation).
    private const int MaxBacklog = 3_000;
    private const string Email = "flood@example.com";
    private const string Password = "flood test password";

    // The cap's worth of these events (about 0.8 KB each in bugsink.db with its indexes; 1 KB allowed)
    // plus a 40 MB margin for events above the cap until eviction catches up (peaks of 1.5 to 2 times the
    // cap were seen), the two write-ahead logs between checkpoints (5 to 10 MB each) and the inbox (at most
    // MaxBacklog events waiting). Without eviction the 90,000 accepted events alone would take about 70 MB.
    private const long BytesPerStoredEvent = 1_000;
    private const long DiskMargin = 40_000_000;
    private const long DiskBudget = (Cap * BytesPerStoredEvent) + DiskMargin;

    // Only a bound against a hung run: the end condition is the count. Within it the flood touches at
    // most two hour windows, whose quota (180,000) is less than what is sent, so refusals must happen.
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(200);

    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(
        $"--Bugsink:Admin={Email}:{Password}",
        $"--Bugsink:Quotas:ProjectPerHour={QuotaPerHour}",
        $"--Bugsink:Ingest:MaxBacklog={MaxBacklog}");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FloodOfOneIssue_DiskStaysNearTheCap_IssueListStaysFast_Every429CarriesTheHeaders()
    {
        var project = await _server.CreateProjectAsync("Flooded");
        using var user = new PageClient(_server.BaseAddress);
        Assert.NotNull((await user.LogInAsync(Email, Password)).Find("form[action*='logout']"));
        var building = Stopwatch.StartNew();
        using var load = new FloodLoad(_server.BaseAddress, project, Events, Connections);
        output.WriteLine($"built {Events:N0} gzipped envelopes of {load.AverageBodyBytes:N0} bytes in {building.Elapsed.TotalSeconds:0.0} s");
        var watch = new FloodWatch(_server, project.Id, user);

        using var stop = new CancellationTokenSource(TimeBound);
        var flooding = Stopwatch.StartNew();
        var sending = load.SendAllAsync(stop.Token);
        await Task.WhenAll(sending, watch.RunAsync(sending));
        var seconds = flooding.Elapsed.TotalSeconds;

        await _server.WaitForDrainAsync(TimeSpan.FromSeconds(60));
        await RetentionEvents.WaitUntilAsync(() => watch.Stored() <= Cap, "eviction has caught up", TimeSpan.FromSeconds(30));
        var page = watch.PageTimes();
        var peaks = string.Join(", ", watch.PeakFileBytes.Select(f => $"{f.Key} {f.Value / 1e6:0.0} MB"));
        output.WriteLine($"sent {load.Sent:N0} in {seconds:0.0} s = {load.Sent / seconds:N0} requests/s; 200: {load.Acked.Count:N0} ({load.Acked.Count / seconds:N0}/s); " +
            $"429: {load.QuotaRefusals:N0} quota + {load.BackPressureRefusals:N0} back-pressure, {load.BadRefusals} without proper headers; " +
            $"other statuses: {string.Join(", ", load.Others.Select(o => $"{o.Key} x{o.Value}"))}; no answer: {load.Failures}");
        output.WriteLine($"stored: peak {watch.PeakStored:N0}, after {watch.Stored():N0} (cap {Cap:N0}); seen {watch.Seen():N0}");
        output.WriteLine($"disk (sum of the four files): peak {watch.PeakDiskBytes / 1e6:0.0} MB, after {watch.DiskBytes() / 1e6:0.0} MB; peaks per file: {peaks} ({watch.Samples} samples)");
        output.WriteLine($"GET {watch.PagePath} during the flood: median {page.Median:0.0} ms, p95 {page.P95:0.0} ms, max {page.Max:0.0} ms ({watch.PageMilliseconds.Count} requests)");

        Assert.Equal(Events, load.Sent);
        Assert.Equal(0, load.Failures);
        Assert.Empty(load.Others);
        Assert.True(load.Refused > 0, "nothing was refused");
        Assert.Equal(0, load.BadRefusals);
        Assert.True(watch.PageMilliseconds.Count >= 20, $"the issue list was sampled only {watch.PageMilliseconds.Count} times");
        Assert.True(page.P95 < 200, $"the issue list's p95 was {page.P95:0} ms during the flood");
        Assert.True(watch.PeakDiskBytes < DiskBudget, $"the data files grew to {watch.PeakDiskBytes / 1e6:0.0} MB; the budget is {DiskBudget / 1e6:0.0} MB");
        AssertNothingAcknowledgedWasLost(load.Acked, watch);

        // The one issue, with every acknowledged event counted although most were evicted.
        var rows = (await user.GetAsync(watch.PagePath)).FindAll("table.issue-list tbody tr").ToList();
        var row = Assert.Single(rows).TextContent;
        Assert.Contains("FloodException", row, StringComparison.Ordinal);
        Assert.True(row.Contains(load.Acked.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            || row.Contains(load.Acked.Count.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal), $"the issue list does not show {load.Acked.Count} events: {row}");
    }

    // Eviction never lowers the issue's count of events seen, so it must equal what was acknowledged;
    // what is still stored must all have been acknowledged, once each, and the counters must agree.
    private void AssertNothingAcknowledgedWasLost(IReadOnlyCollection<string> acked, FloodWatch watch)
    {
        Assert.Equal(acked.Count, watch.Seen());
        var stored = _server.StoredEventCounts();
        Assert.InRange(stored.Count, Cap / 2, Cap);
        Assert.Equal(stored.Count, watch.Stored());
        var ackedIds = acked.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(stored.Where(s => s.Value != 1 || !ackedIds.Contains(s.Key)).Take(10));
    }
}
