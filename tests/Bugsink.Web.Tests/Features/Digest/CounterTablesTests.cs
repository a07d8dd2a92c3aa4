using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Digest;

// The per-event counter tables are WITHOUT ROWID (see the CompactCounterTables migration); EF Core's
// model cannot say so, so this checks the schema the migrations really produce, and that the digest's
// upserts still add up in it.
[Collection(SequentialServers.Name)]
public sealed class CounterTablesTests
{
    [Fact]
    public async Task TagAndHourlyCounters_AreWithoutRowidTables_AndStillCount()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var project = await server.CreateProjectAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = Envelopes.NewEventId();
            var body = $$$"""{"event_id":"{{{id}}}","message":"Counter check","level":"warning","tags":{"region":"eu","attempt":"a{{{i % 2}}}"}}""";
            Assert.Equal(200, (await server.Http.PostAsync($"/api/{project.Id}/store/", System.Text.Encoding.UTF8.GetBytes(body), IngestClient.AuthFor(project))).Status);
            ids.Add(id);
        }

        await server.WaitForEventsAsync([.. ids]);

        foreach (var table in new[] { "IssueTags", "IssueHourlyCounts" })
        {
            Assert.Equal(1, server.Count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t AND sql LIKE '%WITHOUT ROWID%'", ("$t", table)));
        }

        Assert.Equal(1, server.Count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'IX_IssueTags_Key_Value'"));
        Assert.Equal(3, server.Count("SELECT Count FROM IssueTags WHERE Key = 'region' AND Value = 'eu'"));
        Assert.Equal(2, server.Count("SELECT Count FROM IssueTags WHERE Key = 'attempt' AND Value = 'a0'"));
        Assert.Equal(1, server.Count("SELECT Count FROM IssueTags WHERE Key = 'attempt' AND Value = 'a1'"));
        Assert.Equal(3, server.Count("SELECT sum(Count) FROM IssueHourlyCounts"));
    }
}
