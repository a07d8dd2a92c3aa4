using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Alerts;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Assignment;

// Issue 25, item 1: assignment through the real pages and API, with the emails it sends through a
// real SMTP server on loopback, the search terms, the history, and a team departure that unassigns.
[Collection(SequentialServers.Name)]
public sealed class AssignmentTests : IAsyncLifetime
{
    private AlertTestBed _bed = null!;
    private TestProject _project = null!;
    private long _teamId;
    private long _adaId;

    public async Task InitializeAsync()
    {
        _bed = await AlertTestBed.StartAsync();
        _project = await _bed.CreateProjectAsync("Triage Shop", "triage");
        _teamId = await _bed.TeamOfAsync(_project.Id);
        await _bed.JoinAsync(await _bed.AddUserAsync("ann@example.com"), _teamId);
        // Ada wants no team alerts: whatever she receives, she receives as the assignee.
        _adaId = await _bed.AddUserAsync("ada@example.com", sendEmailAlerts: false);
        await _bed.JoinAsync(_adaId, _teamId);
        await _bed.AddUserAsync("eve@example.com");
        await _bed.AddUserAsync("root@example.com", isAdmin: true);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Pages_AssignToMeAndToAMember_EmailOnlyTheOtherOne_SearchAndHistory()
    {
        var issueId = await SendAsync("AssignError", "1.0.0");
        using var ann = await _bed.Server.LogInAsync("ann@example.com");
        var path = $"/issues/{issueId}/";
        var page = await ann.SubmitAsync(path, "form.assignment", submitSelector: "button[value=assign-me]");
        Assert.Equal(path, page.Path);
        Assert.Equal("assigned to ann@example.com", page.Get(".issue-state .assignee").TextContent);
        Assert.Contains("assigned it to ann@example.com", page.Get("ol.history").TextContent, StringComparison.Ordinal);

        var ada = page.FindAll("form.assignment select[name=assignee] option").Single(o => o.TextContent == "ada@example.com").GetAttribute("value")!;
        page = await ann.SubmitAsync(page, "form.assignment", new Dictionary<string, string> { ["assignee"] = ada }, "button[value=assign]");
        Assert.Equal("assigned to ada@example.com", page.Get(".issue-state .assignee").TextContent);

        // One email, to Ada, none to Ann for taking it herself (her new-issue alert aside).
        var assigned = (await _bed.Smtp.WaitForAsync(2, settle: TimeSpan.FromSeconds(2))).Where(e => e.Subject.Contains("assigned to you", StringComparison.Ordinal)).ToList();
        var email = Assert.Single(assigned);
        Assert.Equal("ada@example.com", email.To);
        Assert.Contains("ann@example.com assigned TRIAGESHOP-", email.Text, StringComparison.Ordinal);
        Assert.Contains(AlertTestBed.IssueLink(issueId), email.Text, StringComparison.Ordinal);

        using var adaClient = await _bed.Server.LogInAsync("ada@example.com");
        var list = $"/projects/{_project.Id}/issues/?tab=all&q=";
        Assert.Equal(["AssignError: v"], await TitlesAsync(adaClient, list + "assigned:me"));
        Assert.Empty(await TitlesAsync(ann, list + "assigned:me"));
        Assert.Equal(["AssignError: v"], await TitlesAsync(ann, list + Uri.EscapeDataString("assigned:ADA@example.com AssignError")));
        Assert.Equal(["AssignError: v"], await TitlesAsync(ann, list + Uri.EscapeDataString("is:assigned")));
        Assert.Empty(await TitlesAsync(ann, list + Uri.EscapeDataString("assigned:none AssignError")));
        Assert.Contains("ada@example.com", (await ann.GetAsync(list + "AssignError")).Get("table.issue-list tbody tr .assignee").TextContent, StringComparison.Ordinal);

        // Resolved, then an event again: Ada (no team alerts) hears of the regression as the assignee.
        await ann.SubmitAsync(path, "form.issue-actions", submitSelector: "button[value=resolve]");
        await SendAsync("AssignError", "1.0.0");
        var regression = await WaitForSubjectAsync("Regression", 2);
        Assert.Contains("ada@example.com", regression.Select(e => e.To));
        Assert.Contains("ann@example.com", regression.Select(e => e.To));

        page = await ann.SubmitAsync(path, "form.assignment", submitSelector: "button[value=unassign]");
        Assert.Equal("unassigned", page.Get(".issue-state .assignee").TextContent);
        Assert.Contains("unassigned", page.Get("ol.history").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBulkBar_AssignsTheSelectedIssuesToMe()
    {
        await SendAsync("BulkAssignOne", "1.0.0");
        await SendAsync("BulkAssignTwo", "1.0.0");
        using var ann = await _bed.Server.LogInAsync("ann@example.com");
        var list = $"/projects/{_project.Id}/issues/?q=BulkAssign";
        var page = await ann.GetAsync(list);
        foreach (var box in page.FindAll("form.bulk-actions input[name=ids]"))
        {
            box.SetAttribute("checked", "checked");
        }

        var done = await ann.SubmitAsync(page, "form.bulk-actions", submitSelector: "button[value=assign-me]");
        Assert.StartsWith("Assigned to you: 2 issues", done.Flash, StringComparison.Ordinal);
        Assert.Equal(2, (await TitlesAsync(ann, list + "+assigned:me")).Count);
    }

    [Fact]
    public async Task Api_AssignsMembersOnly_AndSearchesByAssignee()
    {
        var issueId = await SendAsync("ApiAssignError", "1.0.0");
        var api = await ApiClient.ForAsync(_bed.Server, "ann@example.com");
        var assign = $"issues/{issueId}/assign/";
        var answer = await api.PostAsync(assign, """{"user": "ada@example.com"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("ada@example.com", answer.Json.GetProperty("assignee").GetString());

        // Eve has an account but is not on the team; the administrator sees everything but is not on it either.
        foreach (var stranger in new[] { "eve@example.com", "root@example.com", "nobody@example.com" })
        {
            answer = await api.PostAsync(assign, JsonSerializer.Serialize(new { user = stranger }));
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Contains("member", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("ada@example.com", (await api.GetAsync($"issues/{issueId}/")).Json.GetProperty("assignee").GetString());
        var search = $"issues/?project={_project.Id}&state=all&query=";
        Assert.Equal([issueId], Ids(await api.GetAsync(search + Uri.EscapeDataString("assigned:ada@example.com ApiAssignError"))));
        Assert.Empty(Ids(await api.GetAsync(search + Uri.EscapeDataString("assigned:me ApiAssignError"))));
        Assert.Equal([issueId], Ids(await api.GetAsync(search + Uri.EscapeDataString("is:assigned ApiAssignError"))));

        answer = await api.PostAsync(assign, """{"user": null}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.Null, answer.Json.GetProperty("assignee").ValueKind);
        Assert.Equal([issueId], Ids(await api.GetAsync(search + Uri.EscapeDataString("assigned:none ApiAssignError"))));
        Assert.Equal(2, _bed.Server.Count("SELECT count(*) FROM IssueHistory WHERE IssueId = $id AND Kind IN (10, 11)", ("$id", issueId)));
    }

    [Fact]
    public async Task RemovingAMemberFromTheTeam_UnassignsTheirIssuesWithHistory()
    {
        var issueId = await SendAsync("DepartureError", "1.0.0");
        var api = await ApiClient.ForAsync(_bed.Server, "ann@example.com");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"issues/{issueId}/assign/", """{"user": "ada@example.com"}""")).Status);

        using var root = await _bed.Server.LogInAsync("root@example.com");
        var members = await root.GetAsync($"/teams/{_teamId}/members/");
        var form = members.FindAll("form").First(f => (f.GetAttribute("action") ?? "").Contains("handler=Remove", StringComparison.Ordinal)
            && (f.GetAttribute("action") ?? "").Contains("userId=" + _adaId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        form.ClassList.Add("remove-ada");
        var done = await root.SubmitAsync(members, "form.remove-ada");
        Assert.Equal("Removed from the team.", done.Flash);

        Assert.Equal(JsonValueKind.Null, (await api.GetAsync($"issues/{issueId}/")).Json.GetProperty("assignee").ValueKind);
        var page = await root.GetAsync($"/issues/{issueId}/");
        Assert.Contains("unassigned (ada@example.com left the team)", page.Get("ol.history").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheAssigneesAccount_UnassignsTheirIssuesWithHistory()
    {
        var issueId = await SendAsync("DeletedAssigneeError", "1.0.0");
        var api = await ApiClient.ForAsync(_bed.Server, "ann@example.com");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"issues/{issueId}/assign/", """{"user": "ada@example.com"}""")).Status);

        using var root = await _bed.Server.LogInAsync("root@example.com");
        var users = await root.GetAsync("/accounts/users/");
        var ada = _adaId.ToString(CultureInfo.InvariantCulture);
        var done = await root.SubmitAsync(users, $"form[action*='handler=Delete'][action*='id={ada}&'], form[action*='handler=Delete'][action$='id={ada}']");
        Assert.Equal("Deleted the account ada@example.com.", done.Flash);
        Assert.Equal(0, _bed.Server.Count("SELECT count(*) FROM AspNetUsers WHERE Id = $id", ("$id", _adaId)));

        Assert.Equal(JsonValueKind.Null, (await api.GetAsync($"issues/{issueId}/")).Json.GetProperty("assignee").ValueKind);
        Assert.Equal(0, _bed.Server.Count("SELECT count(*) FROM Issues WHERE AssigneeUserId = $id", ("$id", _adaId)));
        var page = await root.GetAsync($"/issues/{issueId}/");
        Assert.Equal("unassigned", page.Get(".issue-state .assignee").TextContent);
        Assert.Contains("unassigned (the account ada@example.com was deleted)", page.Get("ol.history").TextContent, StringComparison.Ordinal);
    }

    private async Task<long> SendAsync(string type, string release)
    {
        var eventId = Envelopes.NewEventId();
        var json = JsonSerializer.Serialize(new { event_id = eventId, release, level = "error", exception = new { values = new[] { new { type, value = "v" } } } });
        var answer = await _bed.Server.Http.PostAsync($"/api/{_project.Id}/store/", Encoding.UTF8.GetBytes(json), IngestClient.AuthFor(_project));
        Assert.Equal(200, answer.Status);
        await _bed.Server.WaitForEventsAsync(eventId);
        return _bed.Server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));
    }

    private async Task<List<ReceivedEmail>> WaitForSubjectAsync(string word, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var matching = _bed.Smtp.Received.Where(e => e.Subject.Contains(word, StringComparison.Ordinal)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Fewer than {count} '{word}' emails: {string.Join(" | ", _bed.Smtp.Received.Select(e => e.To + " " + e.Subject))}");
    }

    private static async Task<List<string>> TitlesAsync(PageClient client, string path) =>
        [.. (await client.GetAsync(path)).FindAll("a.issue-title").Select(a => a.TextContent)];

    private static long[] Ids(ApiAnswer answer) => [.. answer.Results.Select(r => r.GetProperty("id").GetInt64())];
}
