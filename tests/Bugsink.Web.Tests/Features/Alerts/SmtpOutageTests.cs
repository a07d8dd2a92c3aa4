using System.Diagnostics;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Alerts;

// The mail server dies during a burst of new issues: ingest and digest must not notice, and once the
// server is back every email goes out, each exactly once.
[Collection(SequentialServers.Name)]
public sealed class SmtpOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int EventsPerBurst = 300;
    private static readonly string[] Steps =
    [
        "database", "cache", "queue", "mailer", "parser", "router", "billing", "search", "upload", "export", "import", "session", "payment", "invoice", "report",
    ];

    private static readonly int Kinds = Steps.Length;
    private static readonly string[] Recipients = ["alice@example.com", "bob@example.com"];
    private AlertTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        // Every new issue its own email (no coalescing, no cap), and quick retries, so the test counts emails exactly.
        _bed = await AlertTestBed.StartAsync(settings:
        [
            "--Bugsink:Alerts:CoalesceWindowSeconds=0", "--Bugsink:Alerts:MaxEmailsPerHour=10000",
            "--Bugsink:Alerts:RetryFirstDelaySeconds=1", "--Bugsink:Alerts:RetryMaxDelaySeconds=2",
        ]);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task SmtpDownDuringBurst_DigestKeepsItsSpeedAndEveryEmailGoesOutOnce()
    {
        // The first burst pays for JIT and warm-up; it is not the baseline.
        await BurstAsync("Warmup");
        await _bed.Smtp.WaitForAsync(Kinds * Recipients.Length);
        var up = await BurstAsync("Alpha");
        await _bed.Smtp.WaitForAsync(2 * Kinds * Recipients.Length);

        await _bed.Smtp.StopAsync();
        var down = await BurstAsync("Beta");
        output.WriteLine($"SMTP up:   ingest {up.Ingest.TotalMilliseconds:F0} ms, digest {up.Digest.TotalMilliseconds:F0} ms");
        output.WriteLine($"SMTP down: ingest {down.Ingest.TotalMilliseconds:F0} ms, digest {down.Digest.TotalMilliseconds:F0} ms");
        Assert.True(down.Digest < (up.Digest * 2) + TimeSpan.FromSeconds(3), "The digest slowed down while SMTP was down.");
        Assert.True(down.Ingest < (up.Ingest * 2) + TimeSpan.FromSeconds(3), "Ingest slowed down while SMTP was down.");

        // Dispatched, tried, failed, and waiting for their retries: nothing reached anybody.
        await _bed.WaitUntilDispatchedAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await _bed.EmailLogAsync()).Count(e => !e.Succeeded) < Kinds * Recipients.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, "The send jobs did not try while SMTP was down.");
            await Task.Delay(100);
        }

        Assert.Equal(2 * Kinds * Recipients.Length, _bed.Smtp.Received.Count);

        _bed.Smtp.Resume();
        // Long enough after the last arrival for a duplicate retry (1–2 s delay, 5 s schedule poll) to show up.
        var received = await _bed.Smtp.WaitForAsync(3 * Kinds * Recipients.Length, settle: TimeSpan.FromSeconds(10));
        var duplicates = received.GroupBy(r => (r.Subject, r.To)).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(duplicates.Count == 0, "Sent twice: " + string.Join(", ", duplicates));
        Assert.Equal(3 * Kinds * Recipients.Length, received.Count);
        Assert.Equal(Kinds * Recipients.Length, received.Count(r => r.Subject.StartsWith("[Beta] New issue: ", StringComparison.Ordinal)));

        var log = await _bed.EmailLogAsync();
        Assert.Equal(3 * Kinds * Recipients.Length, log.Count(e => e.Succeeded));
        Assert.All(log.Where(e => !e.Succeeded), e => Assert.Contains("will retry", e.Error, StringComparison.Ordinal));
        Assert.Equal(3 * Kinds, (await _bed.StatusCountsAsync())[AlertStatus.Sent]);
    }

    // EventsPerBurst events of Kinds new issues from the real SDK: how long until all were acknowledged,
    // and until all were digested.
    private async Task<(TimeSpan Ingest, TimeSpan Digest)> BurstAsync(string projectName)
    {
        var project = await _bed.CreateProjectAsync(projectName, team: projectName);
        var team = await _bed.TeamOfAsync(project.Id);
        foreach (var recipient in Recipients)
        {
            await _bed.JoinAsync(await _bed.AddUserAsync($"{projectName.ToUpperInvariant()}.{recipient}"), team);
        }

        using var client = new SentryClient(new SentryOptions { Dsn = project.Dsn, MaxQueueItems = 5000, SendClientReports = false, CacheDirectoryPath = null });
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < EventsPerBurst; i++)
        {
            ids.Add(client.CaptureException(new InvalidOperationException($"The {Steps[i % Kinds]} step failed")).ToString());
        }

        await client.FlushAsync(TimeSpan.FromSeconds(30));
        var ingest = clock.Elapsed;
        await _bed.Server.WaitForEventsAsync([.. ids]);
        return (ingest, clock.Elapsed);
    }
}
