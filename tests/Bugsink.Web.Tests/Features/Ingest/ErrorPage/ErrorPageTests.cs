using System.Net;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Ingest.ErrorPage;

// Issue 25 item 5, the crash-report dialog's endpoint over plain HTTP: the script for any origin under
// its own policy, every bad query or report a 4xx with a message, and a report stored as a user_report
// that shows, encoded, on the issue of its event (once that event is there) and nowhere else.
[Collection(SequentialServers.Name)]
public sealed class ErrorPageTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _shop = null!;
    private TestProject _other = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _shop = await _server.CreateProjectAsync("Dialog Shop");
        _other = await _server.CreateProjectAsync("Dialog Other");
        await _server.CreateUserAsync("admin@example.com", isAdmin: true);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_ServesTheDialogScript_ToAnyOrigin_UnderANarrowPolicy_WithOptionsEncoded()
    {
        var eventId = Envelopes.NewEventId();
        using var response = await _server.Http.GetAsync(Url(_shop.Dsn, eventId) + "&name=" + Uri.EscapeDataString("</script><b>Ada</b>") + "&title=" + Uri.EscapeDataString("Oops 'quoted'"));
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/api/embed/error-page/?dsn=" + Uri.EscapeDataString(_shop.Dsn), Unescape(script), StringComparison.Ordinal);
        Assert.Contains("eventId=" + eventId, Unescape(script), StringComparison.Ordinal);
        Assert.Contains("__sentry_reportdialog_closed__", script, StringComparison.Ordinal);
        // The person's name and the SDK's options are data in JSON, with < > and quotes escaped.
        Assert.DoesNotContain("</script>", script, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", script, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E\\u003Cb\\u003EAda", script, StringComparison.Ordinal);
        Assert.Contains("Oops \\u0027quoted\\u0027", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadQueries_Answer4xxWithAJsonMessage_ForBothMethods()
    {
        var eventId = Envelopes.NewEventId();
        var unknownKey = _shop.Dsn.Replace(_shop.PublicKey, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal);
        var othersProject = _shop.Dsn[..(_shop.Dsn.LastIndexOf('/') + 1)] + _other.Id;
        var cases = new (string Query, HttpStatusCode Status, string Words)[]
        {
            ("?eventId=" + eventId, HttpStatusCode.BadRequest, "missing dsn"),
            ("?dsn=not-a-dsn&eventId=" + eventId, HttpStatusCode.BadRequest, "not a valid DSN"),
            (Query(unknownKey, eventId), HttpStatusCode.Forbidden, "unknown public key"),
            (Query(othersProject, eventId), HttpStatusCode.Forbidden, "does not belong to project"),
            ("?dsn=" + Uri.EscapeDataString(_shop.Dsn), HttpStatusCode.BadRequest, "missing eventId"),
            (Query(_shop.Dsn, "not-an-event-id"), HttpStatusCode.BadRequest, "not an event id"),
            (Query(_shop.Dsn, new string('a', 5000)), HttpStatusCode.BadRequest, "not an event id"),
        };
        foreach (var (query, status, words) in cases)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, "/api/embed/error-page/" + query) { Content = Form(("name", "Ada"), ("email", "ada@example.com"), ("comments", "x")) };
                using var response = await _server.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == status, $"{method} {query}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
                Assert.Contains(words, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            }
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, Url(_shop.Dsn, eventId));
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await _server.Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM EventAttachments"));
    }

    [Fact]
    public async Task Post_BadReports_Answer4xxWithFieldErrors_AndStoreNothing()
    {
        var eventId = await SendEventAsync(_shop, "Dialog bad reports");
        var url = Url(_shop.Dsn, eventId);
        var cases = new (HttpContent Content, HttpStatusCode Status, string Field)[]
        {
            (Form(), HttpStatusCode.BadRequest, "comments"),
            (Form(("name", new string('n', 129)), ("email", "ada@example.com"), ("comments", "c")), HttpStatusCode.BadRequest, "name"),
            (Form(("name", "Ada"), ("email", "not an address"), ("comments", "c")), HttpStatusCode.BadRequest, "email"),
            (Form(("name", "Ada"), ("email", new string('e', 250) + "@example.com"), ("comments", "c")), HttpStatusCode.BadRequest, "email"),
            (Form(("name", "Ada"), ("email", "ada@example.com"), ("comments", new string('c', 4097))), HttpStatusCode.BadRequest, "comments"),
            (Form(("name", "Ada"), ("name", "Eve"), ("email", "ada@example.com"), ("comments", "c")), HttpStatusCode.BadRequest, "name"),
        };
        foreach (var (content, status, field) in cases)
        {
            using var response = await _server.Http.PostAsync(url, content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        }

        using var huge = await _server.Http.PostAsync(url, Form(("name", "Ada"), ("email", "ada@example.com"), ("comments", new string('c', 70_000))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        using var json = await _server.Http.PostAsync(url, new StringContent("""{"name":"Ada"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        using var broken = await _server.Http.PostAsync(url, new StringContent("name=%zz&email", Encoding.UTF8, "multipart/form-data"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        await _server.WaitForDigestAsync();
        Assert.Equal(0, _server.Count("SELECT count(*) FROM EventAttachments"));
    }

    [Fact]
    public async Task Post_StoresAUserReport_ShownEncodedOnItsIssue_EvenWhenTheEventArrivesAfterIt()
    {
        var eventId = await SendEventAsync(_shop, "Dialog checkout failed");
        using var response = await _server.Http.PostAsync(Url(_shop.Dsn, eventId), Form(
            ("name", "Ada <img src=x onerror=alert(1)>"), ("email", "ada@example.com"), ("comments", "I clicked pay <script>alert(1)</script>")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());

        // A report may arrive before its event (the dialog opens while the SDK is still sending).
        var late = Envelopes.NewEventId();
        using (var early = await _server.Http.PostAsync(Url(_shop.Dsn, late), Form(("name", "Bob"), ("email", "bob@example.com"), ("comments", "Came first"))))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }

        // Feedback about another project's event, sent with this project's key, stays with this project.
        var othersEvent = await SendEventAsync(_other, "Dialog other project");
        using (var stray = await _server.Http.PostAsync(Url(_shop.Dsn, othersEvent), Form(("name", "Eve"), ("email", "eve@example.com"), ("comments", "Not yours"))))
        {
            Assert.Equal(HttpStatusCode.OK, stray.StatusCode);
        }

        await SendEventAsync(_shop, "Dialog late event", late);
        await WaitForReportsAsync(3);
        Assert.Equal(3, _server.Count("SELECT count(*) FROM EventAttachments WHERE ItemType = 'user_report' AND ProjectId = $p", ("$p", _shop.Id)));

        using var admin = await _server.LogInAsync("admin@example.com");
        var page = await admin.GetAsync($"/issues/{IssueOf(eventId)}/");
        var section = page.Get("section.feedback");
        Assert.Equal("User feedback (1)", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("I clicked pay <script>alert(1)</script>", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ada <img src=x onerror=alert(1)>", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("ada@example.com", section.TextContent, StringComparison.Ordinal);
        Assert.Empty(section.QuerySelectorAll("script, img"));

        Assert.Contains("Came first", (await admin.GetAsync($"/issues/{IssueOf(late)}/")).Get("section.feedback").TextContent, StringComparison.Ordinal);
        var others = await admin.GetAsync($"/issues/{IssueOf(othersEvent)}/");
        Assert.Null(others.Find("section.feedback"));
        Assert.DoesNotContain("Not yours", others.Text, StringComparison.Ordinal);
    }

    private static string Query(string dsn, string eventId) => "?dsn=" + Uri.EscapeDataString(dsn) + "&eventId=" + eventId;

    private static string Url(string dsn, string eventId) => "/api/embed/error-page/" + Query(dsn, eventId);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    // The endpoint in the script is JSON: '&' comes out as \u0026.
    private static string Unescape(string script) => script.Replace("\\u0026", "&", StringComparison.Ordinal);

    private long IssueOf(string eventId) => _server.Count("SELECT IssueId FROM Events WHERE EventId = $e", ("$e", eventId));

    private async Task<string> SendEventAsync(TestProject project, string message, string? eventId = null)
    {
        eventId ??= Envelopes.NewEventId();
        var answer = await _server.Http.PostAsync(
            $"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(eventId, JsonSerializer.Serialize(new { event_id = eventId, message })), IngestClient.AuthFor(project));
        Assert.True(answer.Status == 200, $"{answer.Status} {answer.Body}");
        await _server.WaitForEventsAsync(eventId);
        return eventId;
    }

    private async Task WaitForReportsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_server.Count("SELECT count(*) FROM EventAttachments WHERE ItemType = 'user_report'") < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The reports were not stored in time.");
            await Task.Delay(50);
        }
    }
}
