using System.Text;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Projects;

public sealed record TeamSide(long TeamId, TestProject Project, long IssueId, long EventRowId, string EventId)
{
    // "Alpha" or "Beta", with the set's tag when it has one; the project is called Name + " App".
    public string Name { get; init; } = "";
}

// Two teams that must not see into each other: Alpha (ann a member, ada its admin) with the project
// "Alpha App", Beta (bob a member) with "Beta App", and root, an administrator in no team. Each project
// has one issue with one event and one attachment, sent through the real ingest endpoint.
// With a tag, several sets live on one server: "ann-TAG@example.com" in the team "Alpha TAG", and so on.
public sealed class TwoTeams
{
    private readonly string? _tag;

    private TwoTeams(string? tag, TeamSide alpha, TeamSide beta)
    {
        _tag = tag;
        Alpha = alpha;
        Beta = beta;
    }

    public TeamSide Alpha { get; }

    public TeamSide Beta { get; }

    // The address of root, ann, ada or bob in this set.
    public string Email(string person) => EmailOf(person, _tag);

    public static Task<TwoTeams> CreateAsync(BugsinkTestServer server) => CreateAsync(server, tag: null);

    // A set with a fresh tag, for a test that changes its teams on a server other tests share.
    public static Task<TwoTeams> CreateTaggedAsync(BugsinkTestServer server) => CreateAsync(server, Guid.NewGuid().ToString("N")[..8]);

    private static async Task<TwoTeams> CreateAsync(BugsinkTestServer server, string? tag)
    {
        await server.CreateUserAsync(EmailOf("root", tag), isAdmin: true);
        var ann = await server.CreateUserAsync(EmailOf("ann", tag));
        var ada = await server.CreateUserAsync(EmailOf("ada", tag));
        var bob = await server.CreateUserAsync(EmailOf("bob", tag));
        var suffix = tag is null ? "" : " " + tag;
        var alpha = await CreateSideAsync(server, "Alpha" + suffix, [(ann, TeamRole.Member), (ada, TeamRole.Admin)]);
        var beta = await CreateSideAsync(server, "Beta" + suffix, [(bob, TeamRole.Member)]);
        return new TwoTeams(tag, alpha, beta);
    }

    private static string EmailOf(string person, string? tag) => tag is null ? $"{person}@example.com" : $"{person}-{tag}@example.com";

    private static async Task<TeamSide> CreateSideAsync(BugsinkTestServer server, string name, (long UserId, TeamRole Role)[] members)
    {
        long teamId;
        TestProject project;
        using (var scope = server.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ProjectCreator>().CreateAsync(name + " App", name, CancellationToken.None);
            teamId = created.TeamId;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var (userId, role) in members)
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = userId, Role = role });
            }

            await db.SaveChangesAsync();
            var baseUrl = server.BaseAddress.ToString().TrimEnd('/');
            project = new TestProject(created.Id, created.PublicKey, Bugsink.Sentry.Auth.Dsn.Format(baseUrl, created.PublicKey, created.Id));
        }

        var eventId = Envelopes.NewEventId();
        var envelope = Envelopes.WithLengths(
            $$"""{"event_id":"{{eventId}}"}""",
            ("""{"type":"event"}""", Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId, name.ToLowerInvariant() + " exploded"))),
            ("""{"type":"attachment","filename":"notes.txt","content_type":"text/plain"}""", "secret notes of "u8.ToArray().Concat(Encoding.UTF8.GetBytes(name)).ToArray()));
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", envelope, IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);
        await server.WaitForEventsAsync(eventId);
        for (var i = 0; i < 200 && server.Count("SELECT count(*) FROM EventAttachments WHERE EventId = $id", ("$id", eventId)) == 0; i++)
        {
            await Task.Delay(50);
        }

        var eventRowId = server.Count("SELECT Id FROM Events WHERE EventId = $id", ("$id", eventId));
        var issueId = server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));
        return new TeamSide(teamId, project, issueId, eventRowId, eventId) { Name = name };
    }
}
