using System.Net;
using System.Net.Http.Headers;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// One server for the class: each test's users are its own, so each sees only its own tokens.
[Collection(SequentialServers.Name)]
public sealed class TokenListPageTests(SharedServer fixture) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private readonly BugsinkTestServer _server = fixture.Server;
    private PageClient _ann = null!;

    public async Task InitializeAsync()
    {
        var ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(ann);
        _ann = await _server.LogInAsync(ann);
    }

    public Task DisposeAsync()
    {
        _ann.Dispose();
        return Task.CompletedTask;
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
        var annsToken = SharedServer.NewName("ann's");
        await _ann.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = annsToken });
        var bobEmail = SharedServer.NewEmail("bob");
        await _server.CreateUserAsync(bobEmail);
        using var bob = await _server.LogInAsync(bobEmail);
        var page = await bob.GetAsync("/settings/tokens/");
        Assert.DoesNotContain(annsToken, page.Text, StringComparison.Ordinal);

        // Bob forges a revoke form for Ann's token id: his own (empty) list has no such token.
        var own = await bob.SubmitAsync(page, "form.panel", new Dictionary<string, string> { ["Name"] = "bob's" });
        var form = own.Get("form[action*='handler=Revoke']");
        var annTokenId = _server.Count("SELECT Id FROM ApiTokens WHERE Name = $n", ("$n", annsToken));
        form.SetAttribute("action", $"/settings/tokens/?id={annTokenId}&installation=False&handler=Revoke");
        var answer = await bob.SubmitAsync(own, "form[action*='handler=Revoke']");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM ApiTokens WHERE Id = $id AND RevokedAt IS NOT NULL", ("$id", annTokenId)));
    }

    private async Task<HttpStatusCode> ApiStatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/canonical/0/projects/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        return response.StatusCode;
    }
}
