using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Admin;

// /admin/system/: disk use, stored and seen counts per project, refusals by reason; administrators only.
[Collection(SequentialServers.Name)]
public sealed class SystemPageTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync("--Bugsink:Ingest:MaxEventBytes=4000");
        await _server.CreateUserAsync("admin@example.com", isAdmin: true);
        await _server.CreateUserAsync("member@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OnlyAdmins_SeeThePage()
    {
        using var anonymous = new PageClient(_server.BaseAddress);
        Assert.Equal("/accounts/login/", (await anonymous.GetAsync("/admin/system/")).Path);

        using var member = await _server.LogInAsync("member@example.com");
        Assert.Equal("/accounts/denied/", (await member.GetAsync("/admin/system/")).Path);

        using var admin = await _server.LogInAsync("admin@example.com");
        var page = await admin.GetAsync("/admin/system/");
        Assert.Equal("/admin/system/", page.Path);
        Assert.NotNull(page.Find("#databases"));
    }

    [Fact]
    public async Task ShowsDatabaseSizes_StoredAndSeenCounts_AndRefusalsByReason()
    {
        var project = await _server.CreateProjectAsync("Shop");
        // A month quota: the test cannot straddle its end the way it could a minute's.
        RetentionEvents.SetProject(_server, project.Id, "QuotaPerMonth = 2");
        var auth = IngestClient.AuthFor(project);
        var path = $"/api/{project.Id}/envelope/";
        var session = Envelopes.WithLengths("{}", ("""{"type":"session"}""", """{"sid":"7c7b6b3e2a4b4d5c9f0e1a2b3c4d5e6f","status":"ok"}"""u8.ToArray()));
        Assert.Equal(200, (await _server.Http.PostAsync(path, session, auth)).Status);
        var tooLarge = RetentionEvents.Envelope(Envelopes.NewEventId(), "Huge", DateTimeOffset.UnixEpoch, padding: 5000);
        Assert.Equal(413, (await _server.Http.PostAsync(path, tooLarge, auth)).Status);
        var ids = new[] { Envelopes.NewEventId(), Envelopes.NewEventId(), Envelopes.NewEventId() };
        var statuses = new List<int>();
        foreach (var id in ids)
        {
            statuses.Add((await _server.Http.PostAsync(path, Envelopes.EventEnvelope(id), auth)).Status);
        }

        Assert.Equal([200, 200, 429], statuses);
        // An SDK resending an event it already delivered: both are acknowledged, the digest keeps one.
        var resent = await _server.CreateProjectAsync("Resent");
        var resentId = Envelopes.NewEventId();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await _server.Http.PostAsync($"/api/{resent.Id}/envelope/", Envelopes.EventEnvelope(resentId), IngestClient.AuthFor(resent))).Status);
        }

        await _server.WaitForDigestAsync();
        await _server.WaitForEventsAsync(ids[0], ids[1], resentId);

        using var admin = await _server.LogInAsync("admin@example.com");
        var page = await admin.GetAsync("/admin/system/");

        foreach (var file in new[] { "bugsink.db", "inbox.db", "hangfire.db" })
        {
            var size = long.Parse(page.Get($"#databases tr[data-file='{file}'] [data-bytes]").GetAttribute("data-bytes")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(size, 4096, new FileInfo(Path.Combine(_server.DataDir, file)).Length * 2);
        }

        Assert.Equal("incremental", page.Get("#databases tr[data-file='bugsink.db'] [data-auto-vacuum]").TextContent.Trim());

        var row = page.Get($"#projects tr[data-project='{project.Id}']");
        Assert.Equal("2", row.QuerySelector("[data-stored]")!.TextContent.Trim());
        Assert.Equal("2", row.QuerySelector("[data-seen]")!.TextContent.Trim());
        Assert.Equal("1", page.Get("#refusals tr[data-reason='quota'] [data-count]").TextContent.Trim());
        Assert.Equal("1", page.Get("#refusals tr[data-reason='too_large'] [data-count]").TextContent.Trim());
        Assert.Equal("1", page.Get("#refusals tr[data-reason='unknown item type: session'] [data-count]").TextContent.Trim());
        var duplicate = page.Get("#refusals tr[data-reason='duplicate']");
        Assert.Equal("1", duplicate.QuerySelector("[data-count]")!.TextContent.Trim());
        Assert.Contains("Resent", duplicate.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.Get($"#projects tr[data-project='{resent.Id}'] [data-stored]").TextContent.Trim());
        Assert.Contains("Shop", page.Get("#refusals").TextContent, StringComparison.Ordinal);
    }
}
