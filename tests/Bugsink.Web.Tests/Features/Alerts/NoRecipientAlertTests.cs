using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Alerts;

// Alerts never go to nobody silently (issue 19, finding 11): a project whose team has nobody who receives
// email alerts (as `create-project` leaves it) has its alerts sent to the administrators, the project
// page and /admin/email/ say so, and /admin/email/ tells sent, no recipient and no SMTP apart.
[Collection(SequentialServers.Name)]
public sealed class NoRecipientAlertTests : IAsyncDisposable
{
    private AlertTestBed? _bed;

    [Fact]
    public async Task TeamWithNobody_AlertGoesToTheAdministrators_AndBothPagesSayTheTeamHasNoRecipients()
    {
        var bed = await StartAsync(withSmtp: true);
        await bed.AddUserAsync("admin@example.com", isAdmin: true);
        await bed.AddUserAsync("quiet-admin@example.com", sendEmailAlerts: false, isAdmin: true);
        var project = await bed.CreateProjectAsync("Lonely", team: "Nobody here");
        // A member who switched alerts off for this team counts as nobody too.
        await bed.JoinAsync(await bed.AddUserAsync("muted@example.com"), await bed.TeamOfAsync(project.Id), sendEmailAlerts: false);
        var alert = await bed.AddAlertAsync(project.Id, await bed.AddIssueAsync(project.Id, "Unwatched failure"), AlertKind.NewIssue);

        bed.Nudge();

        var email = Assert.Single(await bed.Smtp.WaitForAsync(1));
        Assert.Equal("admin@example.com", email.To);
        Assert.Contains("Nobody here", email.Text, StringComparison.Ordinal);
        Assert.Contains("no members who receive email alerts", email.Text, StringComparison.Ordinal);
        Assert.Equal(AlertStatus.Sent, await bed.StatusOfAsync(alert));

        using var admin = await bed.Server.LogInAsync("admin@example.com");
        var projectPage = await admin.GetAsync($"/projects/{project.Id}/");
        Assert.Contains("nobody on the team", projectPage.Get("#no-alert-recipients").TextContent, StringComparison.Ordinal);
        var emailPage = await admin.GetAsync("/admin/email/");
        Assert.Contains("Nobody here", emailPage.Get("#teams-without-recipients").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamWithAReceivingMember_HasNoWarning_AndTheAdminGetsNothing()
    {
        var bed = await StartAsync(withSmtp: true);
        await bed.AddUserAsync("admin@example.com", isAdmin: true);
        var project = await bed.CreateProjectAsync("Watched", team: "Watchers");
        await bed.JoinAsync(await bed.AddUserAsync("dev@example.com"), await bed.TeamOfAsync(project.Id));
        await bed.AddAlertAsync(project.Id, await bed.AddIssueAsync(project.Id, "Watched failure"), AlertKind.NewIssue);

        bed.Nudge();

        Assert.Equal("dev@example.com", Assert.Single(await bed.Smtp.WaitForAsync(1)).To);
        using var admin = await bed.Server.LogInAsync("admin@example.com");
        Assert.Null((await admin.GetAsync($"/projects/{project.Id}/")).Find("#no-alert-recipients"));
        Assert.Null((await admin.GetAsync("/admin/email/")).Find("#teams-without-recipients"));
        await Task.Delay(300);
        Assert.Single(bed.Smtp.Received);
    }

    [Fact]
    public async Task NobodyAtAll_IsCountedAsNoRecipient_NotAsSent()
    {
        var bed = await StartAsync(withSmtp: true);
        // The only administrator has alerts off: there is truly nobody.
        await bed.AddUserAsync("admin@example.com", sendEmailAlerts: false, isAdmin: true);
        var project = await bed.CreateProjectAsync("Void", team: "Empty");
        await bed.AddAlertAsync(project.Id, await bed.AddIssueAsync(project.Id, "Into the void"), AlertKind.NewIssue);

        await bed.DispatchAsync();

        using var admin = await bed.Server.LogInAsync("admin@example.com");
        var page = await admin.GetAsync("/admin/email/");
        Assert.Equal("1", page.Get("#alert-counts [data-status=no-recipient]").TextContent.Trim());
        Assert.Equal("0", page.Get("#alert-counts [data-status=sent]").TextContent.Trim());
        Assert.Equal("0", page.Get("#alert-counts [data-status=no-smtp]").TextContent.Trim());
        Assert.Contains("No recipient", page.Get("#recent-alerts tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Empty(bed.Smtp.Received);
    }

    [Fact]
    public async Task WithoutSmtp_IsCountedAsNoSmtp()
    {
        var bed = await StartAsync(withSmtp: false);
        await bed.AddUserAsync("admin@example.com", isAdmin: true);
        var project = await bed.CreateProjectAsync("Shop");
        await bed.JoinAsync(await bed.AddUserAsync("dev@example.com"), await bed.TeamOfAsync(project.Id));
        await bed.AddAlertAsync(project.Id, await bed.AddIssueAsync(project.Id, "Unsent"), AlertKind.NewIssue);

        await bed.DispatchAsync();

        using var admin = await bed.Server.LogInAsync("admin@example.com");
        var page = await admin.GetAsync("/admin/email/");
        Assert.Equal("1", page.Get("#alert-counts [data-status=no-smtp]").TextContent.Trim());
        Assert.Equal("0", page.Get("#alert-counts [data-status=no-recipient]").TextContent.Trim());
        Assert.Contains("No SMTP configured", page.Get("#recent-alerts tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "on no team")]
    [InlineData(true, "member of")]
    public async Task TestEmail_PromisesAlertsOnlyToTeamMembers(bool onATeam, string expected)
    {
        var bed = await StartAsync(withSmtp: true);
        await bed.AddUserAsync("admin@example.com", isAdmin: true);
        var project = await bed.CreateProjectAsync("Shop", team: "Shop team");
        await bed.JoinAsync(await bed.AddUserAsync("dev@example.com"), await bed.TeamOfAsync(project.Id));
        var reader = await bed.AddUserAsync("reader@example.com");
        if (onATeam)
        {
            await bed.JoinAsync(reader, await bed.TeamOfAsync(project.Id));
        }

        using var admin = await bed.Server.LogInAsync("admin@example.com");
        await admin.SubmitAsync("/admin/email/", "#test-email", new Dictionary<string, string> { ["TestRecipient"] = "reader@example.com" });

        var text = Assert.Single(await bed.Smtp.WaitForAsync(1)).Text;
        Assert.DoesNotContain("alert emails can reach you too", text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
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
        return _bed;
    }
}
