using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// One server for the class: each test has accounts of its own. Mailed links: PasswordMailTests.
[Collection(SequentialServers.Name)]
public sealed class PasswordPagesTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    public const string NewPassword = "a brand new passphrase";

    private readonly BugsinkTestServer _server = fixture.Server;

    [Fact]
    public async Task ChangePassword_WithTheCurrentOne_ReplacesIt()
    {
        var ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(ann);
        using var client = await _server.LogInAsync(ann);
        var page = await client.SubmitAsync("/accounts/password/", "main form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = BugsinkTestServer.TestPassword,
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal("/accounts/password/", page.Path);
        Assert.StartsWith("Your password is changed", page.Flash, StringComparison.Ordinal);
        Assert.Equal("/projects/", (await client.GetAsync("/projects/")).Path);

        using var fresh = new PageClient(_server.BaseAddress);
        Assert.Equal("/accounts/login/", (await fresh.LogInAsync(ann, BugsinkTestServer.TestPassword)).Path);
        Assert.Equal("/projects/", (await fresh.LogInAsync(ann, NewPassword)).Path);
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentOne_IsRefused()
    {
        var ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(ann);
        using var client = await _server.LogInAsync(ann);
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
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.GetAsync("/accounts/forgot-password/");
        Assert.Contains("Ask an administrator for a set-password link", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Find("main form"));
    }

    [Fact]
    public async Task AdminLink_WithoutSmtp_LetsTheUserSetAPasswordOnce()
    {
        var (root, newcomerEmail) = (SharedServer.NewEmail("root"), SharedServer.NewEmail("new"));
        await _server.CreateUserAsync(root, isAdmin: true);
        using var admin = await _server.LogInAsync(root);
        var users = await admin.SubmitAsync("/accounts/users/", "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Email"] = newcomerEmail,
        });
        Assert.Contains("pass it on", users.Get(".secret").TextContent, StringComparison.Ordinal);
        var link = new Uri(users.Get("#secret-value").TextContent.Trim());

        using var newcomer = new PageClient(_server.BaseAddress);
        var form = await newcomer.GetAsync(link.PathAndQuery);
        Assert.Contains(newcomerEmail, form.Text, StringComparison.Ordinal);
        var done = await newcomer.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal("/accounts/login/", done.Path);
        Assert.Equal("/projects/", (await newcomer.LogInAsync(newcomerEmail, NewPassword)).Path);

        using var again = new PageClient(_server.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(link.PathAndQuery)).Status);
    }

    [Fact]
    public async Task ResetLink_WithATamperedCode_DoesNotWork()
    {
        var id = await _server.CreateUserAsync(SharedServer.NewEmail("ann"));
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.GetAsync($"/accounts/reset-password/?user={id}&code=Q2ZESjhBZ");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("does not work", page.Text, StringComparison.Ordinal);
    }
}
