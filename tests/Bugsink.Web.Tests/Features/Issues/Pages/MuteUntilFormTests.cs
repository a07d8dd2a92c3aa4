using System.Globalization;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// "Mute 1 month" and "Mute until <date>" on the detail page and in the list's bulk bar (issue 25, item 4),
// through the real pages: the state line, the history and the stored end of the mute.
[Collection(SequentialServers.Name)]
public sealed class MuteUntilFormTests(IssuePagesFixture fixture) : IClassFixture<IssuePagesFixture>
{
    [Fact]
    public async Task DetailPage_MuteForAMonth_EndsOneCalendarMonthLater()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("MonthMuteError", "v"));
        var before = DateTimeOffset.UtcNow;
        var page = await fixture.Ann.SubmitAsync($"/issues/{issueId}/", "form.issue-actions", submitSelector: "button[value=mute-month]");
        Assert.Equal("Muted for a month.", page.Flash);
        var until = MutedUntil(issueId);
        Assert.InRange(until, before.AddMonths(1).AddSeconds(-5), DateTimeOffset.UtcNow.AddMonths(1).AddSeconds(5));
        Assert.Equal("muted until " + Exact(until), page.Get(".issue-state .state").TextContent);
        Assert.NotNull(page.Find("form.issue-actions button[value=unmute]"));
    }

    [Fact]
    public async Task DetailPage_MuteUntilADate_EndsWhenThatDayBeginsInUtc()
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("DateMuteError", "v"));
        var detail = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        var field = detail.Get("form.issue-actions input[type=date][name=muteUntil]");
        Assert.Equal(Date(DateTimeOffset.UtcNow.AddDays(1)), field.GetAttribute("min"));
        Assert.NotNull(detail.Find($"label[for={field.Id}]"));

        var day = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(10);
        var page = await fixture.Ann.SubmitAsync(detail, "form.issue-actions", Fields(("muteUntil", Date(day))), "button[value=mute-until]");
        Assert.Equal(new DateTimeOffset(day, TimeSpan.Zero), MutedUntil(issueId));
        Assert.Equal($"muted until {Date(day)} 00:00:00 UTC", page.Get(".issue-state .state").TextContent);
        Assert.Contains($"until {Date(day)} 00:00 UTC", page.Get("ol.history").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("past")]
    [InlineData("")]
    [InlineData("next tuesday")]
    public async Task DetailPage_RefusesAPastOrMissingDateWithAMessage(string kind)
    {
        var (issueId, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BadDateMuteError" + kind.Replace(" ", "", StringComparison.Ordinal), "v"));
        var detail = await fixture.Ann.GetAsync($"/issues/{issueId}/");
        // A hand-made post: the browser would offer neither a past day nor free text.
        var field = detail.Get("input[name=muteUntil]");
        field.RemoveAttribute("min");
        field.SetAttribute("type", "text");
        var value = kind == "past" ? Date(DateTimeOffset.UtcNow.AddDays(-1)) : kind;
        var page = await fixture.Ann.SubmitAsync(detail, "form.issue-actions", Fields(("muteUntil", value)), "button[value=mute-until]");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Equal("open", page.Get(".issue-state .state").TextContent);
        Assert.Contains(kind == "past" ? "future" : "date", page.Flash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBulkBar_MutesForAMonthAndUntilADate()
    {
        var (first, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BulkMonthMuteOne", "v"));
        var (second, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("BulkMonthMuteTwo", "v"));
        var list = $"/projects/{fixture.Alpha.Id}/issues/?q=BulkMonthMute";
        var done = await fixture.Ann.SubmitAsync(CheckAll(await fixture.Ann.GetAsync(list)), "form.bulk-actions", submitSelector: "button[value=mute-month]");
        Assert.Equal(list, done.Url.PathAndQuery);
        Assert.StartsWith("Muted for a month: 2 issues", done.Flash, StringComparison.Ordinal);
        Assert.InRange(MutedUntil(first), DateTimeOffset.UtcNow.AddMonths(1).AddMinutes(-1), DateTimeOffset.UtcNow.AddMonths(1).AddMinutes(1));

        var muted = $"/projects/{fixture.Alpha.Id}/issues/?tab=muted&q=BulkMonthMute";
        var day = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(3);
        done = await fixture.Ann.SubmitAsync(CheckAll(await fixture.Ann.GetAsync(muted)), "form.bulk-actions", Fields(("muteUntil", Date(day))), "button[value=mute-until]");
        Assert.StartsWith("Muted until the date: 2 issues", done.Flash, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(day, TimeSpan.Zero), MutedUntil(first));
        Assert.Equal(new DateTimeOffset(day, TimeSpan.Zero), MutedUntil(second));
        Assert.Contains($"muted until {Date(day)} 00:00:00 UTC", done.Text, StringComparison.Ordinal);
    }

    private static Page CheckAll(Page page)
    {
        foreach (var box in page.FindAll("form.bulk-actions input[name=ids]"))
        {
            box.SetAttribute("checked", "checked");
        }

        return page;
    }

    private DateTimeOffset MutedUntil(long issueId) =>
        DateTimeOffset.FromUnixTimeMilliseconds(fixture.Server.Count("SELECT MutedUntil FROM Issues WHERE Id = $id AND IsMuted", ("$id", issueId)));

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Date(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Exact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);
}
