using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Issues.Merge;

// Issue 25 item 2 through the pages (AngleSharp): the list's bulk bar, the question which issue
// survives, the absorbed keys with "Stop merging", the redirects of merged ids, and the refusals.
[Collection(SequentialServers.Name)]
public sealed class MergePageTests(MergeServer fixture) : IClassFixture<MergeServer>
{
    [Fact]
    public async Task BulkBarMerge_AsksWhichSurvives_ThenMergesAndListsTheAbsorbedKeys()
    {
        var project = await fixture.NewProjectAsync();
        var keep = await fixture.SendOneAsync(project, "Login <b>loop</b>");
        var gone = await fixture.SendOneAsync(project, "Session expired early");
        await fixture.SendOneAsync(project, "Session expired early");
        var other = await fixture.SendOneAsync(project, "Unrelated");
        using (var scope = fixture.Server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IssueActions>().AddCommentAsync(gone, "seen on checkout too", new Actor(null, "ops"), CancellationToken.None);
        }
        using var mia = await fixture.Server.LogInAsync(MergeServer.Member);

        var list = await mia.GetAsync($"/projects/{project.Id}/issues/");
        var button = list.Get("form.bulk-actions .bulk-bar button.merge");
        Assert.Equal("Merge…", button.TextContent);
        Assert.Equal("/issues/merge/", button.GetAttribute("formaction"));
        Check(list, keep, gone);
        var question = await mia.SubmitAsync(list, "form.bulk-actions", submitSelector: "button.merge");
        Assert.Equal(HttpStatusCode.OK, question.Status);
        Assert.Equal("/issues/merge/", question.Path);
        var choices = question.FindAll("form.merge-form input[name=survivor]").Select(i => long.Parse(i.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([gone, keep], choices);
        Assert.Contains("Login <b>loop</b>", question.Get("form.merge-form").TextContent, StringComparison.Ordinal);
        Assert.Null(question.Find("form.merge-form b"));

        // The issue with fewer events survives: the question decides, not the order.
        foreach (var radio in question.Document.QuerySelectorAll<IHtmlInputElement>("form.merge-form input[name=survivor]"))
        {
            radio.IsChecked = radio.Value == keep.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var page = await mia.SubmitAsync(question, "form.merge-form", submitSelector: "button[type=submit]");
        Assert.Equal($"/issues/{keep}/", page.Path);
        Assert.Contains("Merged 1 issue into this one", page.Flash, StringComparison.Ordinal);
        Assert.Contains("3 events", page.Get(".issue-state").TextContent, StringComparison.Ordinal);
        var absorbed = page.Get("section.merged-keys");
        Assert.Contains("Session expired early", absorbed.TextContent, StringComparison.Ordinal);
        Assert.Single(absorbed.QuerySelectorAll("form.stop-merging button"));
        Assert.Contains("merged into this issue:", page.Get("ol.history").TextContent, StringComparison.Ordinal);

        // The merged issue's links lead to the survivor; it is gone from the list.
        Assert.Equal($"/issues/{keep}/", (await mia.GetAsync($"/issues/{gone}/")).Path);
        list = await mia.GetAsync($"/projects/{project.Id}/issues/");
        var listed = list.FindAll("input[name=ids]").Select(i => i.GetAttribute("value")).ToArray();
        Assert.DoesNotContain(gone.ToString(System.Globalization.CultureInfo.InvariantCulture), listed);
        Assert.Contains(other.ToString(System.Globalization.CultureInfo.InvariantCulture), listed);
        await MergeServer.WaitUntilAsync(() => fixture.Count("SELECT count(*) FROM Events WHERE IssueId = $i", keep) == 3, "the events moved");

        // The merged issue's history moved with it.
        Assert.Equal(0, fixture.Count("SELECT count(*) FROM IssueHistory WHERE IssueId = $i", gone));
        Assert.Contains("seen on checkout too", (await mia.GetAsync($"/issues/{keep}/")).Get("ol.history").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_OneIssue_OtherProjects_AndIssuesTheUserMayNotSee()
    {
        var shop = await fixture.NewProjectAsync();
        var shop2 = await fixture.NewProjectAsync();
        var hidden = await fixture.NewProjectAsync(miasTeam: false);
        var a = await fixture.SendOneAsync(shop, "Refusal A");
        var b = await fixture.SendOneAsync(shop2, "Refusal B");
        var h = await fixture.SendOneAsync(hidden, "Refusal H");
        using var mia = await fixture.Server.LogInAsync(MergeServer.Member);

        var crossProject = await PostMergeAsync(mia, shop, [a, b]);
        Assert.Equal(HttpStatusCode.BadRequest, crossProject.Status);
        Assert.Equal("Issues of different projects cannot be merged.", crossProject.Get(".merge-error").TextContent);

        var single = await PostMergeAsync(mia, shop, [a]);
        Assert.Equal(HttpStatusCode.BadRequest, single.Status);
        Assert.Contains("Select between 2 and", single.Get(".merge-error").TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await PostMergeAsync(mia, shop, [a, h])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostMergeAsync(mia, shop, [a, 987_654_321])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostMergeAsync(mia, shop, [a, h], survivor: a)).Status);

        var api = await fixture.ApiAsync(MergeServer.Member);
        var answer = await api.PostAsync($"issues/{a}/merge/", $$"""{"issues": [{{b}}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Issues of different projects cannot be merged.", answer.Json.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"issues/{a}/merge/", $$"""{"issues": [{{h}}]}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"issues/{h}/merge/", $$"""{"issues": [{{a}}]}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"issues/{a}/merge/", """{"issues": [987654321]}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"issues/{a}/merge/", """{"issues": []}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"issues/{a}/merge/", $$"""{"issues": [{{a}}]}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"issues/{a}/merge/", """{"issues": "x"}""")).Status);

        // Nothing changed by any of it.
        foreach (var id in new[] { a, b, h })
        {
            Assert.Equal(0, fixture.Count("SELECT IsDeleted FROM Issues WHERE Id = $i", id));
        }
    }

    [Fact]
    public async Task StopMerging_IsScopedToTheSurvivorAndToWhatTheUserMaySee()
    {
        var shop = await fixture.NewProjectAsync();
        var hidden = await fixture.NewProjectAsync(miasTeam: false);
        var keep = await fixture.SendOneAsync(shop, "Scope keep");
        var gone = await fixture.SendOneAsync(shop, "Scope gone");
        var hKeep = await fixture.SendOneAsync(hidden, "Hidden keep");
        var hGone = await fixture.SendOneAsync(hidden, "Hidden gone");
        var root = await fixture.ApiAsync(MergeServer.Admin);
        Assert.Equal(HttpStatusCode.Accepted, (await root.PostAsync($"issues/{keep}/merge/", $$"""{"issues": [{{gone}}]}""")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await root.PostAsync($"issues/{hKeep}/merge/", $$"""{"issues": [{{hGone}}]}""")).Status);
        var hiddenKey = fixture.Count("SELECT Id FROM Groupings WHERE IssueId = $i AND MergedFromIssueId IS NOT NULL", hKeep);
        var ownKey = fixture.Count("SELECT Id FROM Groupings WHERE IssueId = $i AND MergedFromIssueId IS NULL", keep);

        using var mia = await fixture.Server.LogInAsync(MergeServer.Member);
        var page = await mia.GetAsync($"/issues/{keep}/");
        var token = page.Get("form.stop-merging input[name=__RequestVerificationToken]").GetAttribute("value")!;
        async Task<HttpStatusCode> StopAsync(long issue, long grouping) =>
            (await mia.PostRawAsync($"/issues/{issue}/merged-keys/{grouping}/stop/", new Dictionary<string, string> { ["__RequestVerificationToken"] = token })).StatusCode;

        Assert.Equal(HttpStatusCode.NotFound, await StopAsync(hKeep, hiddenKey));
        Assert.Equal(HttpStatusCode.NotFound, await StopAsync(keep, hiddenKey));
        Assert.Equal(HttpStatusCode.NotFound, await StopAsync(keep, ownKey));
        Assert.Equal(HttpStatusCode.NotFound, (await mia.GetAsync($"/issues/{hGone}/")).Status);
        Assert.Equal(2, fixture.Count("SELECT count(*) FROM Groupings WHERE IssueId = $i", hKeep));
        Assert.Equal(2, fixture.Count("SELECT count(*) FROM Groupings WHERE IssueId = $i", keep));
    }

    private static void Check(Page page, params long[] ids)
    {
        foreach (var box in page.Document.QuerySelectorAll<IHtmlInputElement>("input[name=ids]"))
        {
            box.IsChecked = ids.Any(id => box.Value == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static async Task<Page> PostMergeAsync(PageClient client, TestProject project, long[] ids, long? survivor = null)
    {
        var list = await client.GetAsync($"/projects/{project.Id}/issues/");
        var token = list.Get("form.bulk-actions input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var fields = ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        fields.Add(new("__RequestVerificationToken", token));
        if (survivor is { } s)
        {
            fields.Add(new("survivor", s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        using var response = await client.Http.PostAsync(new Uri("/issues/merge/", UriKind.Relative), new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        var document = (IHtmlDocument)await BrowsingContext.New().OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!));
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, document);
    }
}
