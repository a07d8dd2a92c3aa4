using Bugsink.Sentry.Events;
using Bugsink.Web.Features.Alerts;

namespace Bugsink.Web.Tests.Features.Alerts;

// The email itself: subject, the facts in both parts, links, and event data escaped in the HTML.
public sealed class AlertEmailComposerTests
{
    private static readonly AlertLinks Links = new("https://errors.example.com/");
    private static readonly DateTimeOffset FirstSeen = new(2026, 11, 27, 9, 30, 5, TimeSpan.Zero);

    [Fact]
    public void NewIssue_HasSubjectFactsFrameAndLinks()
    {
        var frame = new StackFrameData("handleClick", null, null, null, "app.js", null, 42, 7, true, "  const y = x.foo;");
        var email = Compose(AlertKind.NewIssue, null, Issue(17, "TypeError: x is undefined", "app.js in handleClick"), new EventFacts("shop@1.2.3", "production", frame));

        Assert.Equal("[Shop] New issue: TypeError: x is undefined", email.Subject);
        foreach (var part in new[] { email.Text, email.Html })
        {
            Assert.Contains("Shop", part, StringComparison.Ordinal);
            Assert.Contains("SHOP-5", part, StringComparison.Ordinal);
            Assert.Contains("app.js in handleClick", part, StringComparison.Ordinal);
            Assert.Contains("2026-11-27 09:30:05 UTC", part, StringComparison.Ordinal);
            Assert.Contains("shop@1.2.3", part, StringComparison.Ordinal);
            Assert.Contains("production", part, StringComparison.Ordinal);
            Assert.Contains("app.js, line 42, column 7 in handleClick", part, StringComparison.Ordinal);
            Assert.Contains("const y = x.foo;", part, StringComparison.Ordinal);
            Assert.Contains("https://errors.example.com/issues/17/", part, StringComparison.Ordinal);
            Assert.Contains("https://errors.example.com/projects/3/settings/", part, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(AlertKind.Regression, "2.0.1", "[Shop] Regression: Boom", "happened again in release 2.0.1")]
    [InlineData(AlertKind.Unmute, "time", "[Shop] Unmuted: Boom", "that time is over")]
    [InlineData(AlertKind.Unmute, "volume", "[Shop] Unmuted: Boom", "more often than the mute allowed")]
    public void RegressionAndUnmute_SayWhy(AlertKind kind, string reason, string subject, string explanation)
    {
        var email = Compose(kind, reason, Issue(1, "Boom"), null);
        Assert.Equal(subject, email.Subject);
        Assert.Contains(explanation, email.Text, StringComparison.Ordinal);
        Assert.Contains(explanation, email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EventData_IsEscapedInHtmlAndKeptOnOneLineInTheSubject()
    {
        const string Title = "<script>alert(1)</script>\r\nBcc: victim@example.com";
        var frame = new StackFrameData("<img src=x onerror=alert(2)>", null, null, null, "\"><b>file</b>", null, 1, null, true, "<iframe>");
        var email = Compose(AlertKind.NewIssue, null, Issue(1, Title, "<svg onload=alert(3)>"), new EventFacts("<i>r</i>", "<u>e</u>", frame));

        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
        foreach (var raw in new[] { "<script>", "<img", "<svg", "<iframe>", "<b>file", "<i>r", "<u>e" })
        {
            Assert.DoesNotContain(raw, email.Html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;svg onload=alert(3)&gt;", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void LongTitle_IsShortenedInTheSubjectOnly()
    {
        var title = "Error: " + new string('x', 400);
        var email = Compose(AlertKind.NewIssue, null, Issue(1, title), null);
        Assert.True(email.Subject.Length < 180, email.Subject);
        Assert.EndsWith("…", email.Subject, StringComparison.Ordinal);
        Assert.Contains(title, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_ListsEveryIssueWithItsLink()
    {
        var issues = Enumerable.Range(1, 3).Select(n => Issue(n, $"Failure {n} <{n}>")).ToList();
        var facts = new AlertFacts(AlertKind.NewIssue, null, 3, "Shop", "SHOP", issues, null);
        var email = AlertEmailComposer.Compose(facts, Links);

        Assert.Equal("[Shop] 3 new issues", email.Subject);
        foreach (var issue in issues)
        {
            Assert.Contains($"https://errors.example.com/issues/{issue.Id}/", email.Text, StringComparison.Ordinal);
            Assert.Contains($"https://errors.example.com/issues/{issue.Id}/", email.Html, StringComparison.Ordinal);
            Assert.Contains(issue.Title, email.Text, StringComparison.Ordinal);
            Assert.Contains($"Failure {issue.Id} &lt;{issue.Id}&gt;", email.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HugeDigest_ListsFiftyAndCountsTheRest()
    {
        var issues = Enumerable.Range(1, 80).Select(n => Issue(n, $"Failure {n}")).ToList();
        var email = AlertEmailComposer.Compose(new AlertFacts(AlertKind.NewIssue, null, 3, "Shop", "SHOP", issues, null), Links);
        Assert.Equal("[Shop] 80 new issues", email.Subject);
        Assert.Contains("… and 30 more.", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/issues/51/", email.Text, StringComparison.Ordinal);
    }

    private static AlertEmail Compose(AlertKind kind, string? reason, IssueFacts issue, EventFacts? eventFacts) =>
        AlertEmailComposer.Compose(new AlertFacts(kind, reason, 3, "Shop", "SHOP", [issue], eventFacts), Links);

    private static IssueFacts Issue(long id, string title, string? culprit = null) => new(id, id == 17 ? 5 : id, title, culprit, FirstSeen, 12);
}
