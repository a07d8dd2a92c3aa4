using System.Net;
using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

[Collection(SequentialServers.Name)]
public sealed partial class InvitationTests
{
    private const string Password = "welcome aboard friend";

    [Fact]
    public async Task WithoutSmtp_TheLinkIsShownToCopy_AndANewcomerRegistersAndJoins()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var teams = await TwoTeams.CreateAsync(server);
        var link = await InviteAsync(server, teams, "new@example.com");

        using var newcomer = new PageClient(server.BaseAddress);
        var page = await newcomer.GetAsync(link);
        Assert.Equal("Join the team Alpha", page.Get("h1").TextContent);
        page = await newcomer.SubmitAsync(page, "form[action*='handler=Register']", new Dictionary<string, string>
        {
            ["Password"] = Password,
            ["ConfirmPassword"] = Password,
        });
        Assert.Equal($"/teams/{teams.Alpha.TeamId}/", page.Path);
        Assert.Equal("Welcome! You joined the team Alpha.", page.Flash);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/projects/{teams.Alpha.Project.Id}/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync($"/projects/{teams.Beta.Project.Id}/")).Status);

        using var someoneElse = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await someoneElse.GetAsync(link)).Status);
    }

    [Fact]
    public async Task WithSmtp_TheLinkIsEmailed()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var server = await BugsinkTestServer.StartAsync(smtp.ServerArgs);
        var teams = await TwoTeams.CreateAsync(server);
        var shown = await InviteAsync(server, teams, "mailed@example.com");
        // Alerts about the test projects' first issues go out on the same server; pick the invitation.
        var mail = await MailToAsync(smtp, "mailed@example.com");
        Assert.Contains("Alpha", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(shown, new Uri(LinkPattern().Match(mail.Text).Value).AbsolutePath);
    }

    [Fact]
    public async Task ExistingAccount_LogsInThenJoins()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var teams = await TwoTeams.CreateAsync(server);
        var link = await InviteAsync(server, teams, "bob@example.com");

        using var bob = new PageClient(server.BaseAddress);
        var page = await bob.GetAsync(link);
        Assert.Null(page.Find("form[action*='handler=Register']"));
        var login = await bob.GetAsync(page.Get("main a[href^='/accounts/login/']").GetAttribute("href")!);
        page = await bob.SubmitAsync(login, "main form", new Dictionary<string, string>
        {
            ["Email"] = "bob@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal(link, page.Path);
        page = await bob.SubmitAsync(page, "form[action*='handler=Join']");
        Assert.Equal("You joined the team Alpha.", page.Flash);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/projects/{teams.Alpha.Project.Id}/")).Status);
    }

    [Fact]
    public async Task RegistrationNobody_InvitedNewcomerCannotCreateAnAccount()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Accounts:Registration=Nobody");
        var teams = await TwoTeams.CreateAsync(server);
        var link = await InviteAsync(server, teams, "new@example.com");
        using var newcomer = new PageClient(server.BaseAddress);
        var page = await newcomer.GetAsync(link);
        Assert.Null(page.Find("form[action*='handler=Register']"));
        Assert.Contains("only administrators create accounts", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawnInvitation_StopsWorking()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var teams = await TwoTeams.CreateAsync(server);
        var link = await InviteAsync(server, teams, "new@example.com");
        using var ada = await server.LogInAsync("ada@example.com");
        var page = await ada.SubmitAsync($"/teams/{teams.Alpha.TeamId}/members/", "form[action*='handler=Withdraw']");
        Assert.StartsWith("The invitation is withdrawn", page.Flash, StringComparison.Ordinal);
        using var newcomer = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync(link)).Status);
    }

    [Fact]
    public async Task RegisterPage_IsClosedByDefault_AndOpenWithAnybody()
    {
        await using (var closed = await BugsinkTestServer.StartAsync())
        {
            using var visitor = new PageClient(closed.BaseAddress);
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/accounts/register/")).Status);
            Assert.Null((await visitor.GetAsync("/accounts/login/")).Find("a[href='/accounts/register/']"));
        }

        await using var open = await BugsinkTestServer.StartAsync("--Bugsink:Accounts:Registration=Anybody");
        using var client = new PageClient(open.BaseAddress);
        Assert.NotNull((await client.GetAsync("/accounts/login/")).Find("a[href='/accounts/register/']"));
        var page = await client.SubmitAsync("/accounts/register/", "main form", new Dictionary<string, string>
        {
            ["Email"] = "self@example.com",
            ["Password"] = Password,
            ["ConfirmPassword"] = Password,
        });
        Assert.Equal("/teams/", page.Path);
        Assert.Contains("self@example.com", page.Get(".user-menu summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, open.Count("SELECT IsAdmin FROM AspNetUsers WHERE Email = 'self@example.com'"));
    }

    // Ada (Alpha's admin) invites someone as a member; returns the link's path, shown once on the page.
    private static async Task<string> InviteAsync(BugsinkTestServer server, TwoTeams teams, string email)
    {
        using var ada = await server.LogInAsync("ada@example.com");
        var page = await ada.SubmitAsync($"/teams/{teams.Alpha.TeamId}/members/", "form[action*='handler=Invite']", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Role"] = "Member",
        });
        Assert.Contains(email, page.Get("table:last-of-type").TextContent, StringComparison.Ordinal);
        var link = new Uri(page.Get("#secret-value").TextContent.Trim());
        Assert.Null((await ada.GetAsync(page.Path)).Find("#secret-value"));
        Assert.Equal(0, server.Count("SELECT count(*) FROM Invitations WHERE TokenHash LIKE $s", ("$s", "%" + link.Segments[^1].TrimEnd('/') + "%")));
        return link.AbsolutePath;
    }

    public static async Task<ReceivedEmail> MailToAsync(SmtpTestServer smtp, string address)
    {
        for (var i = 0; i < 100; i++)
        {
            if (smtp.Received.FirstOrDefault(m => m.To == address) is { } mail)
            {
                return mail;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No email to " + address);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
