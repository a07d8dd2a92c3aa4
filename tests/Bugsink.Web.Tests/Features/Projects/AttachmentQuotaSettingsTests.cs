using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Projects;

// The project settings page sets the project's own attachment quotas beside its event quotas, and
// ingest obeys what was saved there.
[Collection(SequentialServers.Name)]
public sealed class AttachmentQuotaSettingsTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AttachmentQuota_SavedOnTheSettingsPage_IsWhatIngestEnforces()
    {
        await _server.CreateUserAsync("admin@example.com", isAdmin: true);
        var project = await _server.CreateProjectAsync("Dumps");
        using var admin = await _server.LogInAsync("admin@example.com");
        var path = $"/projects/{project.Id}/settings/";

        var page = await admin.SubmitAsync(path, "form.settings", new Dictionary<string, string>
        {
            ["Form.AttachmentQuotaBytesPerMinute"] = "15000",
            ["Form.AttachmentQuotaBytesPerHour"] = "",
            ["Form.AttachmentQuotaBytesPerMonth"] = "10000000000",
        });

        Assert.Equal("Settings saved.", page.Flash);
        Assert.Equal("15000", page.Get("#Form_AttachmentQuotaBytesPerMinute").GetAttribute("value"));
        Assert.Equal(1, _server.Count(
            """
            SELECT count(*) FROM Projects WHERE Id = $id AND AttachmentQuotaBytesPerMinute = 15000
            AND AttachmentQuotaBytesPerHour IS NULL AND AttachmentQuotaBytesPerMonth = 10000000000
            """, ("$id", project.Id)));
        Assert.Equal(200, (await SendAttachmentAsync(project)).Status);
        var refused = await SendAttachmentAsync(project);
        Assert.Equal(429, refused.Status);
        Assert.EndsWith(":attachment:project", string.Join(", ", refused.Headers.GetValues("X-Sentry-Rate-Limits")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachmentQuota_OfZero_IsRefusedWithAReason()
    {
        await _server.CreateUserAsync("admin@example.com", isAdmin: true);
        var project = await _server.CreateProjectAsync("Dumps");
        using var admin = await _server.LogInAsync("admin@example.com");

        var page = await admin.SubmitAsync($"/projects/{project.Id}/settings/", "form.settings", new Dictionary<string, string>
        {
            ["Form.AttachmentQuotaBytesPerMinute"] = "0",
        });

        Assert.Contains("at least 1 byte", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Projects WHERE Id = $id AND AttachmentQuotaBytesPerMinute IS NULL", ("$id", project.Id)));
    }

    private Task<IngestAnswer> SendAttachmentAsync(TestProject project) => _server.Http.PostAsync(
        $"/api/{project.Id}/envelope/",
        Envelopes.WithLengths(
            $$"""{"event_id":"{{Envelopes.NewEventId()}}"}""",
            ("""{"type":"attachment","filename":"core.dmp"}""", new byte[10_000])),
        IngestClient.AuthFor(project));
}
