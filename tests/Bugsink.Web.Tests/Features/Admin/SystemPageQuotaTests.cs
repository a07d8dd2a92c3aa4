using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Admin;

// Issue 19, item 8: /admin/system/ said "no limit" for a project without a quota of its own while the
// installation's default project quota refused its events. It shows the limits ingest applies.
[Collection(SequentialServers.Name)]
public sealed class SystemPageQuotaTests
{
    [Fact]
    public async Task ProjectWithoutItsOwnQuota_ShowsTheInstallationDefaultThatRefusesItsEvents()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Quotas:ProjectPerMonth=1");
        await server.CreateUserAsync("admin@example.com", isAdmin: true);
        var byDefault = await server.CreateProjectAsync("By default");
        var ownQuota = await server.CreateProjectAsync("Own quota");
        RetentionEvents.SetProject(server, ownQuota.Id, "QuotaPerMinute = 7");

        var path = $"/api/{byDefault.Id}/envelope/";
        var auth = IngestClient.AuthFor(byDefault);
        Assert.Equal(200, (await server.Http.PostAsync(path, Envelopes.EventEnvelope(Envelopes.NewEventId()), auth)).Status);
        Assert.Equal(429, (await server.Http.PostAsync(path, Envelopes.EventEnvelope(Envelopes.NewEventId()), auth)).Status);

        using var admin = await server.LogInAsync("admin@example.com");
        var page = await admin.GetAsync("/admin/system/");
        Assert.Equal("no limit / no limit / 1", page.Get($"#projects tr[data-project='{byDefault.Id}'] [data-quota]").TextContent.Trim());
        Assert.Equal("7 / no limit / 1", page.Get($"#projects tr[data-project='{ownQuota.Id}'] [data-quota]").TextContent.Trim());
    }
}
