using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// Invitations under settings other than the defaults (a mail server, registration switched off or
// open to anybody): each test starts its own server.
[Collection(SequentialServers.Name)]
public sealed partial class InvitationSettingsTests
{
    private const string Password = InvitationTests.Password;

    [Fact]
    public async Task WithSmtp_TheLinkIsEmailed()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var server = await BugsinkTestServer.StartAsync(smtp.ServerArgs);
        var teams = await TwoTeams.CreateAsync(server);
        var shown = await InvitationTests.InviteAsync(server, teams, "mailed@example.com");
        // Alerts about the test projects' first issues go out on the same server; pick the invitation.
        var mail = await InvitationTests.MailToAsync(smtp, "mailed@example.com");
        Assert.Contains("Alpha", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(shown, new Uri(LinkPattern().Match(mail.Text).Value).AbsolutePath);
    }

    [Fact]
    public async Task RegistrationNobody_InvitedNewcomerCannotCreateAnAccount()
    {
        await using var server = await BugsinkTestServer.StartAsync("--Bugsink:Accounts:Registration=Nobody");
        var teams = await TwoTeams.CreateAsync(server);
        var link = await InvitationTests.InviteAsync(server, teams, "new@example.com");
        using var newcomer = new PageClient(server.BaseAddress);
        var page = await newcomer.GetAsync(link);
        Assert.Null(page.Find("form[action*='handler=Register']"));
        Assert.Contains("only administrators create accounts", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPage_IsOpenWithAnybody()
    {
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

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
