using System.Net;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace Bugsink.Web.Tests.Features.Alerts;

// /admin/email/: admins only; says whether email is set up, shows failures and counts, sends a test email.
[Collection(SequentialServers.Name)]
public sealed class EmailStatusPageTests : IAsyncDisposable
{
    private const string Password = BugsinkTestServer.TestPassword;
    private AlertTestBed? _bed;

    [Fact]
    public async Task OnlyAdmins_SeeThePage()
    {
        var bed = await StartAsync(withSmtp: true);
        await bed.AddUserAsync("member@example.com", password: Password);

        using var anonymous = new PageClient(bed.Server.BaseAddress);
        Assert.Equal("/accounts/login/", (await anonymous.GetAsync("/admin/email/")).Path);

        using var member = await bed.Server.LogInAsync("member@example.com", Password);
        Assert.Equal("/accounts/denied/", (await member.GetAsync("/admin/email/")).Path);
    }

    [Fact]
    public async Task Failures_AreListedWithRecipientAndSmtpError()
    {
        var bed = await StartAsync(withSmtp: true);
        var project = await bed.CreateProjectAsync("Shop");
        await bed.JoinAsync(await bed.AddUserAsync("dev@example.com"), await bed.TeamOfAsync(project.Id));
        bed.Smtp.RefuseWith = new SmtpResponse((SmtpReplyCode)554, "Mailbox <dev> is full & closed");
        await bed.AddAlertAsync(project.Id, await bed.AddIssueAsync(project.Id, "<b>Boom</b>"), AlertKind.NewIssue);
        await bed.DispatchAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await bed.EmailLogAsync()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The send job did not run.");
            await Task.Delay(50);
        }

        using var admin = await LogInAsAdminAsync(bed);
        var page = await admin.GetAsync("/admin/email/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Find("#smtp-missing"));
        var row = Assert.Single(page.FindAll("#failures tbody tr"));
        Assert.Contains("dev@example.com", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mailbox <dev> is full & closed", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("dev"));
        Assert.Equal("1", page.Get("#alert-counts [data-status=sent]").TextContent.Trim());
        Assert.Contains("<b>Boom</b>", page.Get("#recent-alerts").TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("#recent-alerts b"));
    }

    [Fact]
    public async Task TestEmailButton_SendsThroughTheSmtpServer()
    {
        var bed = await StartAsync(withSmtp: true);
        using var admin = await LogInAsAdminAsync(bed);

        var page = await admin.SubmitAsync("/admin/email/", "#test-email", new Dictionary<string, string> { ["TestRecipient"] = "ops@example.com" });
        Assert.Equal("/admin/email/", page.Path);
        Assert.Contains("accepted the test email to ops@example.com", page.Flash, StringComparison.Ordinal);
        var email = Assert.Single(await bed.Smtp.WaitForAsync(1));
        Assert.Equal("ops@example.com", email.To);
        Assert.Equal(TestEmailSender.Subject, email.Subject);
    }

    [Fact]
    public async Task TestEmailToDeadServer_ShowsTheErrorAndListsIt()
    {
        var bed = await StartAsync(withSmtp: true);
        await bed.Smtp.StopAsync();
        using var admin = await LogInAsAdminAsync(bed);

        var page = await admin.SubmitAsync("/admin/email/", "#test-email", new Dictionary<string, string> { ["TestRecipient"] = "ops@example.com" });
        Assert.Contains("Sending the test email to ops@example.com failed", page.Flash, StringComparison.Ordinal);
        Assert.Contains("ops@example.com", Assert.Single(page.FindAll("#failures tbody tr")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSmtp_AlertsAreCountedAsNoSmtpAndThePageSaysSo()
    {
        var bed = await StartAsync(withSmtp: false);
        var project = await bed.CreateProjectAsync("Shop");
        await bed.JoinAsync(await bed.AddUserAsync("dev@example.com"), await bed.TeamOfAsync(project.Id));
        var alert = await bed.AddAlertAsync(project.Id, await bed.AddIssueAsync(project.Id, "Unsent"), AlertKind.NewIssue);
        await bed.DispatchAsync();
        Assert.Equal(AlertStatus.NoSmtp, await bed.StatusOfAsync(alert));

        using var admin = await LogInAsAdminAsync(bed);
        var page = await admin.GetAsync("/admin/email/");
        Assert.Contains("No SMTP server is configured", page.Get("#smtp-missing").TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("#test-email"));
        Assert.Equal("1", page.Get("#alert-counts [data-status=no-smtp]").TextContent.Trim());
        Assert.Contains("No SMTP configured", page.Get("#recent-alerts tbody tr").TextContent, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Empty(bed.Smtp.Received);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bed is not null)
        {
            await _bed.DisposeAsync();
        }
    }

    private async Task<AlertTestBed> StartAsync(bool withSmtp)
    {
        _bed = await AlertTestBed.StartAsync(withSmtp);
        await _bed.AddUserAsync("admin@example.com", isAdmin: true, password: Password);
        return _bed;
    }

    private static Task<PageClient> LogInAsAdminAsync(AlertTestBed bed) => bed.Server.LogInAsync("admin@example.com", Password);
}
