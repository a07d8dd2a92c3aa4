using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Retention;

// Retention by count through the whole path: ingest, digest, the watchdog noticing, the eviction job.
[Collection(SequentialServers.Name)]
public sealed class RetentionByCountTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private BugsinkTestServer _server = null!;

    // One server per test, started by the test with the options it needs (only one runs at a time).
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ProjectCappedAt100_Receiving1000_KeepsTheUsefulOnesAndTrueTotals()
    {
        _server = await BugsinkTestServer.StartAsync();
        var project = await _server.CreateProjectAsync("Capped");
        RetentionEvents.SetProject(_server, project.Id, "RetentionMaxEvents = 100");
        // One busy issue, one medium, ten with four events, ten with a single event: 1,000 in all.
        var issues = new List<(string Name, int Count)> { ("Busy", 800), ("Medium", 150) };
        issues.AddRange(Enumerable.Range(0, 10).Select(i => ($"Small{i}", 4)));
        issues.AddRange(Enumerable.Range(0, 10).Select(i => ($"Rare{i}", 1)));
        var ids = issues.ToDictionary(i => i.Name, i => Enumerable.Range(0, i.Count).Select(_ => Envelopes.NewEventId()).ToArray());

        // The first event of each issue goes alone, so it is the one that opens the issue; the rest in parallel.
        // Timestamps grow with the index, so "oldest" is well defined. Busy events 1–20 and 790–799 carry an attachment.
        foreach (var (name, _) in issues)
        {
            await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(ids[name][0], name, Start));
        }

        var rest = issues.SelectMany(issue => Enumerable.Range(1, issue.Count - 1).Select(i => RetentionEvents.Envelope(
            ids[issue.Name][i], issue.Name, Start.AddSeconds(i), issue.Name == "Busy" && (i <= 20 || i >= 790) ? "log " + i : null))).ToList();
        await RetentionEvents.SendAllAsync(_server, project, rest);
        await _server.WaitForDigestAsync();
        await RetentionEvents.WaitUntilAsync(() => Stored(project.Id) <= 100, "the project is at or under its cap");

        Assert.InRange(Stored(project.Id), 90, 100);
        foreach (var (name, count) in issues)
        {
            var issueId = _server.Count("SELECT Id FROM Issues WHERE ProjectId = $p AND Type = $t", ("$p", project.Id), ("$t", name));
            Assert.Equal(count, _server.Count("SELECT EventCount FROM Issues WHERE Id = $i", ("$i", issueId)));
            Assert.Equal(_server.Count("SELECT count(*) FROM Events WHERE IssueId = $i", ("$i", issueId)), _server.Count("SELECT StoredEventCount FROM Issues WHERE Id = $i", ("$i", issueId)));
            Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $e AND IsProtected = 1", ("$e", ids[name][0])));
        }

        // Small and rare issues keep everything; the busy ones keep their newest events.
        Assert.Equal(40 + 10, _server.Count("SELECT count(*) FROM Events e JOIN Issues i ON i.Id = e.IssueId WHERE i.Type LIKE 'Small%' OR i.Type LIKE 'Rare%'"));
        var busyKept = _server.Count("SELECT count(*) FROM Events e JOIN Issues i ON i.Id = e.IssueId WHERE i.Type = 'Busy'");
        Assert.InRange(busyKept, 15, 30);
        var oldestKeptBusy = _server.Count(
            "SELECT min(e.Timestamp) FROM Events e JOIN Issues i ON i.Id = e.IssueId WHERE i.Type = 'Busy' AND e.IsProtected = 0");
        Assert.Equal(Start.AddSeconds(800 - (busyKept - 1)).ToUnixTimeMilliseconds(), oldestKeptBusy);

        // Attachments left only where their event is still stored: the newest ten, none of the oldest twenty.
        Assert.Equal(0, _server.Count("SELECT count(*) FROM EventAttachments a WHERE NOT EXISTS (SELECT 1 FROM Events e WHERE e.ProjectId = a.ProjectId AND e.EventId = a.EventId)"));
        Assert.Equal(10, _server.Count("SELECT count(*) FROM EventAttachments"));
    }

    [Fact]
    public async Task OnlyProtectedEventsLeft_AndStillTooMany_TheLeastRecentlySeenIssuesGiveThemUp()
    {
        _server = await BugsinkTestServer.StartAsync();
        var project = await _server.CreateProjectAsync("Tiny");
        RetentionEvents.SetProject(_server, project.Id, "RetentionMaxEvents = 5");
        for (var i = 0; i < 8; i++)
        {
            await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(Envelopes.NewEventId(), $"Issue{i}", Start.AddMinutes(i)));
        }

        for (var i = 0; i < 3; i++)
        {
            await RetentionEvents.SendAsync(_server, project, RetentionEvents.Envelope(Envelopes.NewEventId(), "Issue0", Start.AddHours(1).AddMinutes(i)));
        }

        await _server.WaitForDigestAsync();
        await RetentionEvents.WaitUntilAsync(() => Stored(project.Id) <= 5, "the project is at or under its cap");

        Assert.Equal(5, _server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", project.Id)));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p AND IsProtected = 0", ("$p", project.Id)));
        Assert.Equal(11, _server.Count("SELECT sum(EventCount) FROM Issues WHERE ProjectId = $p", ("$p", project.Id)));
    }

    [Fact]
    public async Task InstallationOverItsTotal_TheBiggestProjectGivesWay()
    {
        var server = _server = await BugsinkTestServer.StartAsync("--Bugsink:Retention:MaxTotalEvents=150");
        var big = await server.CreateProjectAsync("Big");
        var small = await server.CreateProjectAsync("Small");
        await RetentionEvents.SendAllAsync(server, big, [.. Enumerable.Range(0, 200).Select(i => RetentionEvents.Envelope(Envelopes.NewEventId(), "Big", Start.AddSeconds(i)))]);
        await RetentionEvents.SendAllAsync(server, small, [.. Enumerable.Range(0, 40).Select(i => RetentionEvents.Envelope(Envelopes.NewEventId(), "Small", Start.AddSeconds(i)))]);
        await server.WaitForDigestAsync();
        await RetentionEvents.WaitUntilAsync(() => server.Count("SELECT count(*) FROM Events") <= 150, "the installation is under its total");

        Assert.Equal(40, server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", small.Id)));
        Assert.InRange(server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", big.Id)), 100, 110);
        Assert.Equal(200, server.Count("SELECT EventCount FROM Issues WHERE ProjectId = $p", ("$p", big.Id)));
    }

    private long Stored(long projectId) => _server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", projectId));
}
