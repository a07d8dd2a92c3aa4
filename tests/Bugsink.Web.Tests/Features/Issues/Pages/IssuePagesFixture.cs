using System.Text.Json;
using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// One server per test class: two teams that must not see into each other (TwoTeams), and a way to
// send events through the real /store/ endpoint and learn which issue they landed in.
public sealed class IssuePagesFixture : IAsyncLifetime
{
    public BugsinkTestServer Server { get; private set; } = null!;

    public TwoTeams Teams { get; private set; } = null!;

    public PageClient Ann { get; private set; } = null!;

    public PageClient Bob { get; private set; } = null!;

    public TestProject Alpha => Teams.Alpha.Project;

    public async Task InitializeAsync()
    {
        Server = await BugsinkTestServer.StartAsync();
        Teams = await TwoTeams.CreateAsync(Server);
        Ann = await Server.LogInAsync("ann@example.com");
        Bob = await Server.LogInAsync("bob@example.com");
    }

    public async Task DisposeAsync()
    {
        Ann.Dispose();
        Bob.Dispose();
        await Server.DisposeAsync();
    }

    // Sends the event (a fresh event_id is set) and returns (issue id, event id) once digested.
    public async Task<(long IssueId, string EventId)> SendAsync(TestProject project, JsonObject payload)
    {
        var eventId = Envelopes.NewEventId();
        payload["event_id"] = eventId;
        var body = System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
        var answer = await Server.Http.PostAsync($"/api/{project.Id}/store/", body, IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);
        await Server.WaitForEventsAsync(eventId);
        return (Server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId)), eventId);
    }

    public Task<(long IssueId, string EventId)> SendAsync(TestProject project, string json) => SendAsync(project, JsonNode.Parse(json)!.AsObject());

    // A Python-style event: a chained exception with source context and locals, breadcrumbs, a request and tags.
    public static JsonObject RichEvent(string type, string value, string release = "1.0.0", string browser = "Firefox 120") => JsonNode.Parse($$"""
        {
          "platform": "python", "level": "error", "release": {{JsonSerializer.Serialize(release)}}, "environment": "production",
          "tags": { "browser": {{JsonSerializer.Serialize(browser)}}, "customer": "acme" },
          "exception": { "values": [
            { "type": "KeyError", "value": "'order_id'",
              "stacktrace": { "frames": [ { "filename": "shop/db.py", "function": "lookup", "lineno": 10, "in_app": true } ] } },
            { "type": {{JsonSerializer.Serialize(type)}}, "value": {{JsonSerializer.Serialize(value)}}, "mechanism": { "type": "django", "handled": false },
              "stacktrace": { "frames": [
                { "filename": "django/core/handlers.py", "function": "inner", "lineno": 55, "colno": 4, "in_app": false },
                { "filename": "shop/views.py", "function": "checkout", "lineno": 42, "colno": 8, "in_app": true,
                  "pre_context": ["def checkout(request):", "    cart = load(request)"],
                  "context_line": "    total = cart.total()",
                  "post_context": ["    return render(total)"],
                  "vars": { "cart": "<Cart 3 items>", "request": { "path": "/checkout" } } } ] } } ] },
          "breadcrumbs": { "values": [ { "timestamp": 1764200000.5, "category": "http", "level": "info", "message": "GET /cart", "data": { "status": 200 } } ] },
          "request": { "method": "POST", "url": "https://shop.example.com/checkout", "query_string": "a=1",
                       "headers": { "User-Agent": "Mozilla/5.0", "X-Trace": "abc" }, "data": { "item": 5 } },
          "user": { "id": "42", "email": "buyer@example.com" },
          "contexts": { "os": { "name": "Linux", "version": "6.1" } },
          "sdk": { "name": "sentry.python", "version": "2.0.0" },
          "modules": { "django": "5.0" },
          "extra": { "cart_size": 3 }
        }
        """)!.AsObject();
}
