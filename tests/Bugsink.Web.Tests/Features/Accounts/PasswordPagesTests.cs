using System.Net;
using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

[Collection(SequentialServers.Name)]
public sealed partial class PasswordPagesTests
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task ChangePassword_WithTheCurrentOne_ReplacesIt()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        await server.CreateUserAsync("ann@example.com");
        using var client = await server.LogInAsync("ann@example.com");
        var page = await client.SubmitAsync("/accounts/password/", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = BugsinkTestServer.TestPassword,
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal("/accounts/password/", page.Path);
        Assert.StartsWith("Your password is changed", page.Flash, StringComparison.Ordinal);
        Assert.Equal("/projects/", (await client.GetAsync("/projects/")).Path);

        using var fresh = new PageClient(server.BaseAddress);
        Assert.Equal("/accounts/login/", (await fresh.LogInAsync("ann@example.com", BugsinkTestServer.TestPassword)).Path);
        Assert.Equal("/projects/", (await fresh.LogInAsync("ann@example.com", NewPassword)).Path);
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentOne_IsRefused()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        await server.CreateUserAsync("ann@example.com");
        using var client = await server.LogInAsync("ann@example.com");
        var page = await client.SubmitAsync("/accounts/password/", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "not it at all",
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Incorrect password", page.Get("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Null(page.Flash);
    }

    [Fact]
    public async Task ForgotPassword_WithoutSmtp_PointsToAnAdministrator()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        using var client = new PageClient(server.BaseAddress);
        var page = await client.GetAsync("/accounts/forgot-password/");
        Assert.Contains("Ask an administrator for a set-password link", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Find("main form"));
    }

    [Fact]
    public async Task AdminLink_WithoutSmtp_LetsTheUserSetAPasswordOnce()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        await server.CreateUserAsync("root@example.com", isAdmin: true);
        using var admin = await server.LogInAsync("root@example.com");
        var users = await admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Email"] = "new@example.com",
        });
        Assert.Contains("pass it on", users.Get(".secret").TextContent, StringComparison.Ordinal);
        var link = new Uri(users.Get("#secret-value").TextContent.Trim());

        using var newcomer = new PageClient(server.BaseAddress);
        var form = await newcomer.GetAsync(link.PathAndQuery);
        Assert.Contains("new@example.com", form.Text, StringComparison.Ordinal);
        var done = await newcomer.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal("/accounts/login/", done.Path);
        Assert.Equal("/projects/", (await newcomer.LogInAsync("new@example.com", NewPassword)).Path);

        using var again = new PageClient(server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(link.PathAndQuery)).Status);
    }

    [Fact]
    public async Task ForgotPassword_WithSmtp_MailsALinkThatWorks_AndSaysTheSameForUnknownAddresses()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var server = await BugsinkTestServer.StartAsync(smtp.ServerArgs);
        await server.CreateUserAsync("ann@example.com");
        using var client = new PageClient(server.BaseAddress);

        var unknown = await client.SubmitAsync("/accounts/forgot-password/", "main form", new Dictionary<string, string> { ["Email"] = "who@example.com" });
        var known = await client.SubmitAsync("/accounts/forgot-password/", "main form", new Dictionary<string, string> { ["Email"] = "ann@example.com" });
        Assert.Equal(unknown.Flash, known.Flash);

        var mail = await InvitationTests.MailToAsync(smtp, "ann@example.com");
        await Task.Delay(300);
        Assert.DoesNotContain(smtp.Received, m => m.To == "who@example.com");
        var link = new Uri(LinkPattern().Match(mail.Text).Value);
        Assert.StartsWith("/accounts/reset-password/", link.AbsolutePath, StringComparison.Ordinal);
        var done = await client.SubmitAsync(link.PathAndQuery, "main form", new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal("Your password is set. Log in with it.", done.Flash);
        Assert.Equal("/projects/", (await client.LogInAsync("ann@example.com", NewPassword)).Path);
    }

    [Fact]
    public async Task ResetLink_WithATamperedCode_DoesNotWork()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var id = await server.CreateUserAsync("ann@example.com");
        using var client = new PageClient(server.BaseAddress);
        var page = await client.GetAsync($"/accounts/reset-password/?user={id}&code=Q2ZESjhBZ");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("does not work", page.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
