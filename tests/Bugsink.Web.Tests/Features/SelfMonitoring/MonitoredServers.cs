using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.SelfMonitoring;

// Child-process servers for the self-monitoring tests: the SDK's hub is process-wide, so a server with
// SENTRY_DSN set must not run inside the test process. Each has its own data folder and Hangfire file.
public static class MonitoredServers
{
    public const string AdminEmail = "admin@example.com";

    // The server that reports. BUGSINK_ADMIN makes its administrator; dsn "" is self-monitoring off.
    public static Task<ServerProcess> StartAsync(string dsn, bool tracing)
    {
        var environment = new Dictionary<string, string>
        {
            ["SENTRY_DSN"] = dsn,
            ["BUGSINK_ADMIN"] = $"{AdminEmail}:{BugsinkTestServer.TestPassword}",
        };
        return ServerProcess.StartAsync(environment, tracing ? ["--Bugsink:SelfMonitoring:TracesSampleRate=1"] : []);
    }

    public static async Task<PageClient> LogInAsync(ServerProcess server)
    {
        var client = new PageClient(server.BaseAddress);
        var page = await client.LogInAsync(AdminEmail, BugsinkTestServer.TestPassword);
        Assert.True(page.Find("form[action*='logout']") is not null, $"Login failed:\n{page.Text}");
        return client;
    }

    public static long IssueCount(ServerProcess server, long projectId, string valueLike = "%") => server.Scalar(
        "bugsink.db", $"SELECT count(*) FROM Issues WHERE ProjectId = {projectId} AND Value LIKE '{valueLike}'");

    public static long EventCount(ServerProcess server, long projectId) =>
        server.Scalar("bugsink.db", $"SELECT count(*) FROM Events WHERE ProjectId = {projectId}");

    // Transactions a project was sent: ingest accepts and counts them (dropped_items) without keeping
    // them. The counts reach inbox.db with the inbox writer's next commit, so an event to `flush` (another
    // project on the same server) is sent first; its 200 means the counts are on disk.
    public static async Task<long> TransactionsAsync(ServerProcess server, long projectId, TestProject flush)
    {
        var answer = await server.Http.PostAsync($"/api/{flush.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(flush));
        Assert.Equal(200, answer.Status);
        return server.Scalar("inbox.db", $"SELECT ifnull(sum(count), 0) FROM dropped_items WHERE project_id = {projectId} AND item_type = 'transaction'");
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, ServerProcess reporter)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.\nReporting server's output:\n{reporter.RecentOutput}");
            await Task.Delay(250);
        }
    }

    // Posts the administrator's "Send a test error" button (the form with its antiforgery token).
    public static async Task<Page> SendTestErrorAsync(PageClient admin, bool fromJob)
    {
        var system = await admin.GetAsync("/admin/system/");
        return await admin.SubmitAsync(system, "#test-error", submitSelector: fromJob ? "#test-job-error" : "button:not(#test-job-error)");
    }
}
