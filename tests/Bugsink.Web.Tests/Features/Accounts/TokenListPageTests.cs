using System.Net;
using System.Net.Http.Headers;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

[Collection(SequentialServers.Name)]
public sealed class TokenListPageTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private PageClient _ann = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        await _server.CreateUserAsync("ann@example.com");
        _ann = await _server.LogInAsync("ann@example.com");
    }

    public async Task DisposeAsync()
    {
        _ann.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NewToken_IsShownOnce_AndWorksForTheApi()
    {
        var page = await _ann.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = "deploy script" });
        var secret = page.Get("#secret-value").TextContent.Trim();
        Assert.StartsWith("bsk_", secret, StringComparison.Ordinal);
        var row = page.Get("tbody tr").TextContent;
        Assert.Contains("deploy script", row, StringComparison.Ordinal);
        Assert.Contains(secret[..10], row, StringComparison.Ordinal);
        Assert.Contains("never", row, StringComparison.Ordinal);

        var again = await _ann.GetAsync("/settings/tokens/");
        Assert.Null(again.Find("#secret-value"));
        Assert.DoesNotContain(secret, again.Document.Source.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(secret));
        var used = await _ann.GetAsync("/settings/tokens/");
        Assert.DoesNotContain("never", used.Get("tbody tr td:nth-child(4)").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_IsRefusedByTheApi()
    {
        var page = await _ann.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = "old" });
        var secret = page.Get("#secret-value").TextContent.Trim();
        page = await _ann.SubmitAsync(page, "form[action*='handler=Revoke']");
        Assert.StartsWith("The token is revoked", page.Flash, StringComparison.Ordinal);
        Assert.Contains("revoked", page.Get("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(secret));
    }

    [Fact]
    public async Task SomeoneElsesToken_CannotBeSeenOrRevoked()
    {
        await _ann.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = "ann's" });
        await _server.CreateUserAsync("bob@example.com");
        using var bob = await _server.LogInAsync("bob@example.com");
        var page = await bob.GetAsync("/settings/tokens/");
        Assert.DoesNotContain("ann's", page.Text, StringComparison.Ordinal);

        // Bob forges a revoke form for Ann's token id: his own (empty) list has no such token.
        var own = await bob.SubmitAsync(page, "form.panel", new Dictionary<string, string> { ["Name"] = "bob's" });
        var form = own.Get("form[action*='handler=Revoke']");
        var annTokenId = _server.Count("SELECT Id FROM ApiTokens WHERE Name = 'ann''s'");
        form.SetAttribute("action", $"/settings/tokens/?id={annTokenId}&installation=False&handler=Revoke");
        var answer = await bob.SubmitAsync(own, "form[action*='handler=Revoke']");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM ApiTokens WHERE RevokedAt IS NOT NULL"));
    }

    private async Task<HttpStatusCode> ApiStatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/canonical/0/projects/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        return response.StatusCode;
    }
}
