using System.Globalization;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Digest;

// Grouping end to end: events sent by the real .NET SDK become the issues a person would expect.
[Collection(SequentialServers.Name)]
public sealed class DigestGroupingTests : IAsyncLifetime
{
    private static readonly string[] Kinds =
    [
        "database", "cache", "queue", "mailer", "parser", "router", "billing", "search", "upload", "export",
        "import", "session", "payment", "invoice", "report", "scheduler", "webhook", "profile", "catalog", "checkout",
    ];

    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Grouping");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SentryClient NewClient() => new(new SentryOptions
    {
        Dsn = _project.Dsn,
        // The SDK drops events beyond its queue size; this test sends a burst.
        MaxQueueItems = 5000,
        SendClientReports = false,
    });

    [Fact]
    public async Task ThousandEventsOfTwentyKinds_BecomeTwentyIssuesOfFifty()
    {
        using var client = NewClient();
        var ids = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            // Numbers, ids and addresses differ per event; the normalised message does not.
            var message = string.Create(CultureInfo.InvariantCulture,
                $"The {kind} step failed for order {1000 + i} of user {Guid.NewGuid()} at 10.0.{i % 250}.{i % 7} after {i * 3}ms");
            ids.Add(client.CaptureEvent(new SentryEvent(new InvalidOperationException(message))).ToString());
        }

        await client.FlushAsync(TimeSpan.FromSeconds(30));
        await _server.WaitForEventsAsync([.. ids]);

        Assert.Equal(20, _server.Count("SELECT count(*) FROM Issues WHERE ProjectId = $p", ("$p", _project.Id)));
        Assert.Equal(20, _server.Count("SELECT count(*) FROM Issues WHERE ProjectId = $p AND EventCount = 50", ("$p", _project.Id)));
        Assert.Equal(1000, _server.Count("SELECT sum(Count) FROM IssueHourlyCounts h JOIN Issues i ON i.Id = h.IssueId WHERE i.ProjectId = $p", ("$p", _project.Id)));
        Assert.Equal(1, _server.Count(
            "SELECT count(*) FROM Groupings WHERE ProjectId = $p AND Key LIKE '%: The database step failed for order <int> of user <uuid> at <ip> after <duration>'",
            ("$p", _project.Id)));
        Assert.Equal(20, _server.Count("SELECT count(DISTINCT Number) FROM Issues WHERE ProjectId = $p", ("$p", _project.Id)));
    }

    [Fact]
    public async Task CustomFingerprint_GetsItsOwnIssue()
    {
        using var client = NewClient();
        var plain = client.CaptureEvent(new SentryEvent(new InvalidOperationException("Shared failure"))).ToString();
        var fingerprinted = new SentryEvent(new InvalidOperationException("Shared failure"));
        fingerprinted.SetFingerprint(["payments", "{{ default }}"]);
        var withFingerprint = client.CaptureEvent(fingerprinted).ToString();
        var again = new SentryEvent(new InvalidOperationException("Shared failure"));
        again.SetFingerprint(["payments", "{{default}}"]);
        var sameFingerprint = client.CaptureEvent(again).ToString();

        await client.FlushAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForEventsAsync(plain, withFingerprint, sameFingerprint);

        Assert.NotEqual(IssueOf(plain), IssueOf(withFingerprint));
        Assert.Equal(IssueOf(withFingerprint), IssueOf(sameFingerprint));
    }

    [Fact]
    public async Task MessagesWithParameters_GroupOnTheTemplate()
    {
        using var client = NewClient();
        var first = new SentryEvent { Message = new SentryMessage { Message = "User {0} logged in from {1}", Formatted = "User alice logged in from Paris" } };
        var second = new SentryEvent { Message = new SentryMessage { Message = "User {0} logged in from {1}", Formatted = "User bob logged in from Oslo" } };
        var a = client.CaptureEvent(first).ToString();
        var b = client.CaptureEvent(second).ToString();
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForEventsAsync(a, b);
        Assert.Equal(IssueOf(a), IssueOf(b));
    }

    private long IssueOf(string eventId) => _server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));
}
