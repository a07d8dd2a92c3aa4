using System.Text.Json;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Issues.Merge;

// One real server per test class with an admin (sees every project) and Mia, a member of the team
// "shop" only; events go through the real ingest and digest.
public sealed class MergeServer : IAsyncLifetime
{
    public const string Admin = "root@example.com";
    public const string Member = "mia@example.com";

    public BugsinkTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await BugsinkTestServer.StartAsync();
        await Server.CreateUserAsync(Admin, isAdmin: true);
        await Server.CreateUserAsync(Member);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    // A project of the team "shop" (Mia's) or of another team.
    public async Task<TestProject> NewProjectAsync(bool miasTeam = true)
    {
        using var scope = Server.Services.CreateScope();
        var name = "Merge " + Guid.NewGuid().ToString("N")[..8];
        var project = await ActivatorUtilities.CreateInstance<ProjectCreator>(scope.ServiceProvider).CreateAsync(name, miasTeam ? "shop" : "elsewhere", CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Above the default 10,000, so that retention keeps every event the counts are checked against.
        await db.Projects.Where(p => p.Id == project.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RetentionMaxEvents, 100_000));
        if (miasTeam)
        {
            var mia = await db.Users.Where(u => u.Email == Member).Select(u => u.Id).SingleAsync();
            if (!await db.TeamMemberships.AnyAsync(m => m.UserId == mia && m.TeamId == project.TeamId))
            {
                db.TeamMemberships.Add(new TeamMembership { UserId = mia, TeamId = project.TeamId });
                await db.SaveChangesAsync();
            }
        }

        return new TestProject(project.Id, project.PublicKey, "");
    }

    public Task<ApiClient> ApiAsync(string email) => ApiClient.ForAsync(Server, email);

    // Sends `count` events grouped by `error`, `parallel` requests at a time, through the real ingest.
    public async Task<string[]> SendAsync(TestProject project, string error, int count = 1, int parallel = 1)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Envelopes.NewEventId()).ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (id, _) =>
        {
            var payload = JsonSerializer.Serialize(new
            {
                event_id = id,
                platform = "csharp",
                level = "error",
                release = "1.0.0",
                exception = new { values = new[] { new { type = "MergeError", value = error } } },
            });
            var answer = await Server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(id, payload), IngestClient.AuthFor(project));
            Assert.Equal(200, answer.Status);
        });
        return ids;
    }

    public async Task<long> SendOneAsync(TestProject project, string error)
    {
        var id = (await SendAsync(project, error))[0];
        await Server.WaitForEventsAsync(id);
        return IssueOf(id);
    }

    // Waits until the project holds this many events (checking 30,000 ids one poll after another is slow).
    public Task WaitForProjectEventsAsync(TestProject project, long count) =>
        WaitUntilAsync(() => Server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", project.Id)) >= count, $"{count} events are digested", 300);

    // How many of these event ids are stored in this issue (one query).
    public long CountIn(long issueId, IEnumerable<string> eventIds) => Server.Count(
        "SELECT count(*) FROM Events WHERE IssueId = $i AND EventId IN (SELECT value FROM json_each($ids))",
        ("$i", issueId), ("$ids", JsonSerializer.Serialize(eventIds)));

    public long IssueOf(string eventId) => Server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));

    public long Count(string sql, long issueId) => Server.Count(sql, ("$i", issueId));

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(100);
        }
    }
}
