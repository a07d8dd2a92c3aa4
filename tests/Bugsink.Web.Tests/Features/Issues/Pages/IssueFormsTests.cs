using System.Globalization;
using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// The forms added to the issue pages after the first cut: editing one's own comment from the
// History section, and "mute until more than N events in M minutes/hours/days" on the detail page
// and in the list's bulk bar.
[Collection(SequentialServers.Name)]
public sealed class IssueFormsTests(IssuePagesFixture fixture) : IClassFixture<IssuePagesFixture>
{
    [Fact]
    public async Task Comment_EditedByItsAuthor_ShowsTheNewText()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("EditCommentError", "v"));
        var page = await fixture.Ann.SubmitAsync($"/issues/{issueId}/", "form.comment-form", Fields(("comment", "first thought")));
        var edit = page.Get("details.comment-edit form");
        Assert.NotNull(edit.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("first thought", edit.QuerySelector("textarea")!.TextContent);

        page = await fixture.Ann.SubmitAsync(page, "details.comment-edit form", Fields(("comment", "second <thought>")));
        Assert.Equal($"/issues/{issueId}/", page.Path);
        Assert.Equal("second <thought>", page.Get("ol.history .comment").TextContent);
        Assert.Contains("(edited)", page.Get("ol.history").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_OfAnotherUser_HasNoEditFormAndAForgedEditIsRefused()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("ForeignCommentError", "v"));
        var path = $"/issues/{issueId}/";
        var annsPage = await fixture.Ann.SubmitAsync(path, "form.comment-form", Fields(("comment", "ann's words")));
        var entryId = annsPage.Get("details.comment-edit input[name=entryId]").GetAttribute("value")!;

        // Ada is in the same team: she sees the comment but gets neither an edit nor a delete form.
        using var ada = await fixture.Server.LogInAsync("ada@example.com");
        var adasPage = await ada.GetAsync(path);
        Assert.Equal("ann's words", adasPage.Get("ol.history .comment").TextContent);
        Assert.Null(adasPage.Find("details.comment-edit"));
        Assert.Null(adasPage.Find("form.comment-delete"));

        // She builds the posts from her own (valid) comment form: right token, someone else's entry.
        var edit = await ada.SubmitAsync(Forge(adasPage, ("entryId", entryId)), "form.comment-form", Fields(("comment", "ada was here")));
        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        var delete = await ada.SubmitAsync(Forge(await ada.GetAsync(path), ("entryId", entryId), ("delete", "true")), "form.comment-form", Fields(("comment", "x")));
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        Assert.Equal(1, fixture.Server.Count("SELECT count(*) FROM IssueHistory WHERE Id = $id AND Comment = 'ann''s words' AND EditedAt IS NULL", ("$id", long.Parse(entryId, CultureInfo.InvariantCulture))));

        // Without the page's antiforgery token the post does not get that far.
        var raw = await ada.PostRawAsync(path + "?handler=Comment", Fields(("entryId", entryId), ("comment", "no token")));
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
    }

    [Fact]
    public async Task DetailPage_MutesUntilVolume_AndTheDigestUnmutesWhenItIsCrossed()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("VolumeMuteError", "v"));
        var path = $"/issues/{issueId}/";
        var page = await fixture.Ann.SubmitAsync(path, "form.issue-actions",
            Fields(("muteCount", "2"), ("muteWindow", "30"), ("muteUnit", "minutes")), "button[value=mute-volume]");
        Assert.Equal(path, page.Path);
        Assert.Equal("muted until more than 2 events in 30 minutes", page.Get(".issue-state .state").TextContent);
        Assert.Contains("more than 2 events in 30 minutes", page.Get("ol.history").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("form.issue-actions button[value=unmute]"));

        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("VolumeMuteError", "v"));
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("VolumeMuteError", "v"));
        Assert.Equal("muted until more than 2 events in 30 minutes", (await fixture.Ann.GetAsync(path)).Get(".issue-state .state").TextContent);
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("VolumeMuteError", "v"));
        Assert.Equal("open", (await fixture.Ann.GetAsync(path)).Get(".issue-state .state").TextContent);
    }

    [Fact]
    public async Task DetailPage_RefusesANonsenseVolumeWithAMessage()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BadVolumeError", "v"));
        // The browser refuses 400 (max="366"); a hand-made post gets past that and meets the server's check.
        var detail = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        detail.Get("input[name=muteWindow]").RemoveAttribute("max");
        var page = await fixture.Ann.SubmitAsync(detail, "form.issue-actions",
            Fields(("muteCount", "5"), ("muteWindow", "400"), ("muteUnit", "days")), "button[value=mute-volume]");
        Assert.Equal("open", page.Get(".issue-state .state").TextContent);
        Assert.Contains("window", page.Flash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBulkBar_MutesTheSelectedIssuesUntilVolume()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BulkVolumeError", "v"));
        var list = $"/projects/{fixture.Alpha.Id}/issues/?q=BulkVolumeError";
        var done = await fixture.Ann.SubmitAsync(list, "form.bulk-actions",
            Fields(("ids", "true"), ("muteCount", "100"), ("muteWindow", "1"), ("muteUnit", "days")), "button[value=mute-volume]");
        Assert.Equal(list, done.Url.PathAndQuery);
        Assert.StartsWith("Muted until the volume rises: 1 issue", done.Flash, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Server.Count(
            "SELECT count(*) FROM Issues WHERE Id = $id AND IsMuted AND UnmuteOnVolumeCount = 100 AND UnmuteOnVolumeWindowSeconds = 86400", ("$id", issueId)));
        var muted = await fixture.Ann.GetAsync($"/projects/{fixture.Alpha.Id}/issues/?tab=muted&q=BulkVolumeError");
        Assert.Contains("muted until more than 100 events in 24 hours", muted.Text, StringComparison.Ordinal);
    }

    // Adds hidden fields to the page's comment form, as a hand-edited page would post them.
    private static Page Forge(Page page, params (string Name, string Value)[] fields)
    {
        var form = page.Get("form.comment-form");
        foreach (var (name, value) in fields)
        {
            var input = page.Document.CreateElement("input");
            input.SetAttribute("type", "hidden");
            input.SetAttribute("name", name);
            input.SetAttribute("value", value);
            form.AppendChild(input);
        }

        return page;
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);
}
