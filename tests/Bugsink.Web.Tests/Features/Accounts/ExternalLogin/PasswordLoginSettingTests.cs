using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts.ExternalLogin;

// Bugsink:Accounts:PasswordLogin=false with BreakGlass=true: no password form, a refused POST, and
// /accounts/login/?password=1 for administrators only.
[Collection(SequentialServers.Name)]
public sealed class PasswordLoginSettingTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync("--Bugsink:Accounts:PasswordLogin=false", "--Bugsink:Accounts:BreakGlass=true");
        await _server.CreateUserAsync("root@example.com", isAdmin: true);
        await _server.CreateUserAsync("user@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LoginPage_HasNoPasswordForm_AndRefusesAPost()
    {
        using var client = new PageClient(_server.BaseAddress);
        var page = await client.GetAsync("/accounts/login/");
        Assert.Null(page.Find("input[type=password]"));
        var breakGlass = await client.GetAsync("/accounts/login/?password=1");
        // The antiforgery token of the break-glass form, posted to the plain login page.
        using var response = await client.Http.PostAsync(new Uri("/accounts/login/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "root@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
            ["__RequestVerificationToken"] = breakGlass.Get("input[name=__RequestVerificationToken]").GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/accounts/login/", (await client.GetAsync("/projects/")).Path);
    }

    [Fact]
    public async Task BreakGlass_LetsAnAdministratorInWithThePassword_AndNobodyElse()
    {
        using var admin = new PageClient(_server.BaseAddress);
        var page = await admin.SubmitAsync(await admin.GetAsync("/accounts/login/?password=1"), "main form", new Dictionary<string, string>
        {
            ["Email"] = "root@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal("/projects/", page.Path);

        using var user = new PageClient(_server.BaseAddress);
        var refused = await user.SubmitAsync(await user.GetAsync("/accounts/login/?password=1"), "main form", new Dictionary<string, string>
        {
            ["Email"] = "user@example.com",
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal("/accounts/login/", refused.Path);
        Assert.Contains("do not match", refused.Get("[role=alert]").TextContent, StringComparison.Ordinal);
    }
}
