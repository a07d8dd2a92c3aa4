using System.Net;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Accounts.Security.Passkeys;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// Removing a passkey never leaves an account with no way in: without a password or a linked provider, the
// last passkey stays (with a message); with another passkey, or a password, it goes.
[Collection(SequentialServers.Name)]
public sealed class LastWayInTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private const string RemoveForm = "#passkeys form[action*='handler=Remove']";
    private readonly BugsinkTestServer _server = fixture.Server;

    [Fact]
    public async Task LastPasskey_OfAnAccountWithoutPasswordOrProvider_IsNotRemoved()
    {
        var email = SharedServer.NewEmail("keyonly");
        var userId = await _server.CreateUserAsync(email);
        await AddPasskeyAsync(email, [7, 7, 7]);
        using var client = await _server.LogInAsync(email);
        await DropPasswordAsync(userId);

        var page = await client.GetAsync("/accounts/security/");
        Assert.Equal("This account has no password.", page.Get("#password-state").TextContent);
        var refused = await client.SubmitAsync(page, RemoveForm);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal(ManagePasskeysModel.LastWayIn, refused.Get("[role=alert]").TextContent);
        Assert.Equal(1, PasskeyCount(userId));

        // With a second one, either may go; the one left then stays.
        await AddPasskeyAsync(email, [8, 8, 8]);
        page = await client.GetAsync("/accounts/security/");
        var removed = await client.SubmitAsync(page, RemoveForm);
        Assert.StartsWith("Removed the passkey", removed.Flash, StringComparison.Ordinal);
        Assert.Equal(1, PasskeyCount(userId));
        Assert.Equal(HttpStatusCode.Conflict, (await client.SubmitAsync(removed, RemoveForm)).Status);
        Assert.Equal(1, PasskeyCount(userId));
    }

    [Fact]
    public async Task LastPasskey_OfAnAccountWithAPassword_IsRemoved()
    {
        var email = SharedServer.NewEmail("both");
        var userId = await _server.CreateUserAsync(email);
        await AddPasskeyAsync(email, [9, 9, 9]);
        using var client = await _server.LogInAsync(email);
        var removed = await client.SubmitAsync(await client.GetAsync("/accounts/security/"), RemoveForm);
        Assert.StartsWith("Removed the passkey", removed.Flash, StringComparison.Ordinal);
        Assert.Equal(0, PasskeyCount(userId));
    }

    private long PasskeyCount(long userId) => _server.Count("SELECT count(*) FROM AspNetUserPasskeys WHERE UserId = $id", ("$id", userId));

    private async Task AddPasskeyAsync(string email, byte[] credentialId)
    {
        using var scope = _server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = (await users.FindByEmailAsync(email))!;
        var passkey = new UserPasskeyInfo(
            credentialId: credentialId, publicKey: [1, 2, 3], createdAt: DateTimeOffset.UtcNow, signCount: 0, transports: ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [1], clientDataJson: [2]) { Name = "Laptop" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
    }

    // As an account made by a first OpenID Connect or passkey-only setup is: no hash. Written directly, so the
    // session (whose security stamp a password change would renew) stays valid.
    private async Task DropPasswordAsync(long userId)
    {
        using var scope = _server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, (string?)null));
    }
}
