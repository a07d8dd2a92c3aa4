using System.Text.Json;
using System.Text.Json.Serialization;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// A project on the WorkflowServer and the moves a workflow test makes: send events through the real
// ingest and digest, act on issues as a person would, and read back what the database holds.
public sealed class IssueScenario(BugsinkTestServer server, TestProject project)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static readonly Actor Alice = new(1, "alice@example.com");

    public static readonly Actor Bob = new(2, "bob@example.com");

    public BugsinkTestServer Server => server;

    public TestProject Project => project;

    // Sends one event (grouped by its error text) and waits until it is digested.
    public async Task<string> SendAsync(string error, string? release = null) => (await SendManyAsync(1, error, release))[0];

    // Sends the events one after the other (so they are digested in this order), then waits for all of them.
    public async Task<string[]> SendManyAsync(int count, string error, string? release = null)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Envelopes.NewEventId();
            var payload = JsonSerializer.Serialize(new
            {
                event_id = ids[i],
                platform = "csharp",
                level = "error",
                release,
                exception = new { values = new[] { new { type = "InvalidOperationException", value = error } } },
            }, Json);
            var answer = await Server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(ids[i], payload), IngestClient.AuthFor(project));
            Assert.Equal(200, answer.Status);
        }

        await Server.WaitForEventsAsync(ids);
        return ids;
    }

    public long IssueOf(string eventId) => Server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));

    public bool IsProtected(string eventId) => Server.Count("SELECT IsProtected FROM Events WHERE EventId = $id", ("$id", eventId)) == 1;

    public Task ActAsync(Func<IssueActions, Task> action) => WithScopeAsync(provider => action(provider.GetRequiredService<IssueActions>()));

    public Task<Issue> IssueAsync(long issueId) => QueryAsync(db => db.Issues.SingleAsync(i => i.Id == issueId));

    public Task<List<IssueHistoryEntry>> HistoryAsync(long issueId) =>
        QueryAsync(db => db.IssueHistory.Where(h => h.IssueId == issueId).OrderBy(h => h.Id).ToListAsync());

    public async Task<IssueHistoryKind[]> HistoryKindsAsync(long issueId) => [.. (await HistoryAsync(issueId)).Select(h => h.Kind)];

    public Task<List<AlertRequest>> AlertsAsync(long issueId) =>
        QueryAsync(db => db.AlertRequests.Where(a => a.IssueId == issueId).OrderBy(a => a.Id).ToListAsync());

    public Task<List<Release>> ReleasesAsync() =>
        QueryAsync(db => db.Releases.Where(r => r.ProjectId == project.Id).OrderBy(r => r.Sequence).ToListAsync());

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await query(db);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        using var scope = Server.Services.CreateScope();
        await work(scope.ServiceProvider);
    }
}
