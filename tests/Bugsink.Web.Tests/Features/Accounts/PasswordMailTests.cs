using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// Forgotten passwords with a mail server: a server of its own, with a real SMTP server on loopback.
[Collection(SequentialServers.Name)]
public sealed partial class PasswordMailTests
{
    private const string NewPassword = PasswordPagesTests.NewPassword;

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

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
