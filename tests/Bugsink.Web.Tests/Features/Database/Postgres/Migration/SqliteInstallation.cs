using System.Text;
using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Database.Postgres.Migration;

// A stopped SQLite installation made through the real server: events through ingest (two issues, one event with
// an attachment), an admin, an alert channel whose URL and secret are encrypted with the installation's keys,
// and what its pages showed: the issue's head and a session cookie, to compare with after the move.
public sealed class SqliteInstallation : IAsyncLifetime
{
    public const string ChannelSecret = "a webhook signing secret";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "bugsink-tests", "migrate-" + Guid.NewGuid().ToString("N"));

    public string SessionCookie { get; private set; } = "";

    public long IssueId { get; private set; }

    public string IssueHeading { get; private set; } = "";

    public string IssueState { get; private set; } = "";

    public long ChannelId { get; private set; }

    public long ProjectId { get; private set; }

    // The project's issue list as rows of (title, short id, event count, last seen exactly).
    public IReadOnlyList<string> IssueRows { get; private set; } = [];

    public long HighestProjectId { get; private set; }

    public async Task InitializeAsync()
    {
        await using var server = await BugsinkTestServer.StartInAsync(DataDir);
        await server.CreateUserAsync("admin@example.com", isAdmin: true);
        var project = await server.CreateProjectAsync("Moving App");
        await server.CreateProjectAsync("Second App");
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = Envelopes.NewEventId();
            var body = i == 0
                ? Envelopes.WithLengths(
                    $$"""{"event_id":"{{id}}"}""",
                    ("""{"type":"event"}""", Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(id, "Disk full"))),
                    ("""{"type":"attachment","filename":"dump.bin","content_type":"application/octet-stream"}""", new byte[5000]))
                : Envelopes.EventEnvelope(id, Envelopes.MinimalEvent(id, i % 2 == 0 ? "Disk full" : "Timeout"));
            var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", body, IngestClient.AuthFor(project));
            Assert.Equal(200, answer.Status);
            ids.Add(id);
        }

        await server.WaitForEventsAsync([.. ids]);
        await server.WaitForDigestAsync();
        Assert.Equal(1, server.Count("SELECT count(*) FROM EventAttachments"));

        using (var scope = server.Services.CreateScope())
        {
            var secrets = scope.ServiceProvider.GetRequiredService<ChannelSecrets>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var channel = new AlertChannel
            {
                ProjectId = project.Id, Name = "Ops hook", Kind = ChannelKinds.Webhook,
                ProtectedUrl = secrets.Protect("https://hooks.example.com/ops"), UrlHint = "https://hooks.example.com/…/ops",
                ProtectedSecret = secrets.Protect(ChannelSecret), CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(channel);
            await db.SaveChangesAsync();
            ChannelId = channel.Id;
        }

        IssueId = server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", ids[0]));
        HighestProjectId = server.Count("SELECT max(Id) FROM Projects");
        using var admin = await server.LogInAsync("admin@example.com");
        SessionCookie = admin.Cookies.GetCookies(server.BaseAddress)["bugsink.session"]!.Value;
        var page = await admin.GetAsync($"/issues/{IssueId}/");
        IssueHeading = page.Get("h1").TextContent.Trim();
        IssueState = page.Get("p.issue-state").TextContent.Trim();
        Assert.Contains("Disk full", IssueHeading, StringComparison.Ordinal);
        Assert.Contains("3 events", IssueState, StringComparison.Ordinal);
        ProjectId = project.Id;
        IssueRows = ListRows((await admin.GetAsync($"/projects/{project.Id}/issues/?tab=all")).Document);
        Assert.Equal(2, IssueRows.Count);
    }

    public static IReadOnlyList<string> ListRows(AngleSharp.Dom.IParentNode page) =>
        [.. page.QuerySelectorAll("tbody tr").Where(row => row.QuerySelector("a.issue-title") is not null).Select(row =>
        {
            var cells = row.QuerySelectorAll("td");
            return $"{row.QuerySelector("a.issue-title")!.TextContent.Trim()} | {row.QuerySelector(".mono")?.TextContent.Trim()} | " +
                $"{cells[3].TextContent.Trim()} events | last seen {cells[4].QuerySelector("time")?.GetAttribute("title")}";
        }).Order(StringComparer.Ordinal)];

    // A copy to change (a table added, an inbox row) without spoiling the shared one.
    public string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(DataDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}
