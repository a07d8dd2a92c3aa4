using System.Net;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// Tests on default settings share one server, each with a tagged TwoTeams and invitees of its own.
// The ones that need a mail server or other registration settings are InvitationSettingsTests: a test
// that starts a server of its own cannot sit beside a shared one (Hangfire's storage is process-wide).
[Collection(SequentialServers.Name)]
public sealed class InvitationTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    public const string Password = "welcome aboard friend";

    private readonly BugsinkTestServer _shared = fixture.Server;

    [Fact]
    public async Task WithoutSmtp_TheLinkIsShownToCopy_AndANewcomerRegistersAndJoins()
    {
        var server = _shared;
        var teams = await TwoTeams.CreateTaggedAsync(server);
        var link = await InviteAsync(server, teams, SharedServer.NewEmail("new"));

        using var newcomer = new PageClient(server.BaseAddress);
        var page = await newcomer.GetAsync(link);
        Assert.Equal($"Join the team {teams.Alpha.Name}", page.Get("h1").TextContent);
        page = await newcomer.SubmitAsync(page, "form[action*='handler=Register']", new Dictionary<string, string>
        {
            ["Password"] = Password,
            ["ConfirmPassword"] = Password,
        });
        Assert.Equal($"/teams/{teams.Alpha.TeamId}/", page.Path);
        Assert.Equal($"Welcome! You joined the team {teams.Alpha.Name}.", page.Flash);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/projects/{teams.Alpha.Project.Id}/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync($"/projects/{teams.Beta.Project.Id}/")).Status);

        using var someoneElse = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await someoneElse.GetAsync(link)).Status);
    }

    [Fact]
    public async Task ExistingAccount_LogsInThenJoins()
    {
        var server = _shared;
        var teams = await TwoTeams.CreateTaggedAsync(server);
        var link = await InviteAsync(server, teams, teams.Email("bob"));

        using var bob = new PageClient(server.BaseAddress);
        var page = await bob.GetAsync(link);
        Assert.Null(page.Find("form[action*='handler=Register']"));
        var login = await bob.GetAsync(page.Get("main a[href^='/accounts/login/']").GetAttribute("href")!);
        page = await bob.SubmitAsync(login, "main form", new Dictionary<string, string>
        {
            ["Email"] = teams.Email("bob"),
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal(link, page.Path);
        page = await bob.SubmitAsync(page, "form[action*='handler=Join']");
        Assert.Equal($"You joined the team {teams.Alpha.Name}.", page.Flash);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/projects/{teams.Alpha.Project.Id}/")).Status);
    }

    [Fact]
    public async Task WithdrawnInvitation_StopsWorking()
    {
        var server = _shared;
        var teams = await TwoTeams.CreateTaggedAsync(server);
        var link = await InviteAsync(server, teams, SharedServer.NewEmail("new"));
        using var ada = await server.LogInAsync(teams.Email("ada"));
        var page = await ada.SubmitAsync($"/teams/{teams.Alpha.TeamId}/members/", "form[action*='handler=Withdraw']");
        Assert.StartsWith("The invitation is withdrawn", page.Flash, StringComparison.Ordinal);
        using var newcomer = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync(link)).Status);
    }

    [Fact]
    public async Task RegisterPage_IsClosedByDefault()
    {
        using var visitor = new PageClient(_shared.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/accounts/register/")).Status);
        Assert.Null((await visitor.GetAsync("/accounts/login/")).Find("a[href='/accounts/register/']"));
    }

    // Ada (Alpha's admin) invites someone as a member; returns the link's path, shown once on the page.
    public static async Task<string> InviteAsync(BugsinkTestServer server, TwoTeams teams, string email)
    {
        using var ada = await server.LogInAsync(teams.Email("ada"));
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
}
