using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Feedback;

// Issue 25 item 5, the part that shows feedback: what people wrote about an issue's events, from legacy
// `user_report` items and current SDKs' `feedback` items, in its own section with its count in the section
// links, encoded, and only on the issue whose event it names.
[Collection(SequentialServers.Name)]
public sealed class FeedbackSectionTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Feedback App");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task BothKindsOfFeedback_AreShownOnTheirIssue_Encoded_WithTheCount()
    {
        var crashed = Envelopes.NewEventId();
        var other = Envelopes.NewEventId();
        await PostAsync(Envelopes.EventEnvelope(crashed, Message(crashed, "Checkout failed")));
        await PostAsync(Envelopes.EventEnvelope(other, Message(other, "Something else entirely")));
        await PostAsync(Envelopes.Implicit(
            $$"""{"event_id":"{{crashed}}"}""",
            ("""{"type":"user_report"}""", $$"""{"event_id":"{{crashed}}","name":"Ada","email":"ada@example.com","comments":"I clicked pay <script>alert(1)</script>"}""")));
        var feedbackId = Envelopes.NewEventId();
        await PostAsync(Envelopes.Implicit(
            $$"""{"event_id":"{{feedbackId}}"}""",
            ("""{"type":"feedback"}""", $$$$"""{"event_id":"{{{{feedbackId}}}}","contexts":{"feedback":{"message":"The page froze","contact_email":"bob@example.com","name":"Bob","url":"https://shop.example/pay","associated_event_id":"{{{{crashed}}}}"}}}""")));
        await PostAsync(Envelopes.Implicit(
            $$"""{"event_id":"{{other}}"}""",
            ("""{"type":"user_report"}""", $$"""{"event_id":"{{other}}","name":"Eve","email":"eve@example.com","comments":"About the other issue"}""")));
        await _server.WaitForEventsAsync(crashed, other);
        await _server.WaitForDigestAsync();

        await _server.CreateUserAsync("admin@example.com", isAdmin: true);
        using var client = await _server.LogInAsync("admin@example.com");
        var issueId = _server.Count("SELECT IssueId FROM Events WHERE EventId = $e", ("$e", crashed));
        var page = await client.GetAsync($"/issues/{issueId}/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var section = page.Get("section.feedback");
        Assert.Equal("User feedback (2)", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("I clicked pay <script>alert(1)</script>", section.TextContent, StringComparison.Ordinal);
        Assert.Empty(section.QuerySelectorAll("script"));
        Assert.Contains("The page froze", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("ada@example.com", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://shop.example/pay", section.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("About the other issue", page.Text, StringComparison.Ordinal);
        Assert.Equal("Feedback (2)", page.Get("nav.section-links a[href='#feedback']").TextContent.Trim());
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href")!.EndsWith($"events/{crashed}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIssueWithoutFeedback_HasNoFeedbackSection()
    {
        var eventId = Envelopes.NewEventId();
        await PostAsync(Envelopes.EventEnvelope(eventId, Message(eventId, "Nobody wrote")));
        await _server.WaitForEventsAsync(eventId);
        await _server.CreateUserAsync("admin2@example.com", isAdmin: true);
        using var client = await _server.LogInAsync("admin2@example.com");
        var issueId = _server.Count("SELECT IssueId FROM Events WHERE EventId = $e", ("$e", eventId));

        var page = await client.GetAsync($"/issues/{issueId}/");

        Assert.Null(page.Find("section.feedback"));
        Assert.Null(page.Find("a[href='#feedback']"));
    }

    private static string Message(string eventId, string message) => $$"""{"event_id":"{{eventId}}","message":"{{message}}"}""";

    private async Task PostAsync(byte[] envelope)
    {
        var answer = await _server.Http.PostAsync($"/api/{_project.Id}/envelope/", envelope, IngestClient.AuthFor(_project));
        Assert.True(answer.Status == 200, $"{answer.Status} {answer.Body}");
    }
}
