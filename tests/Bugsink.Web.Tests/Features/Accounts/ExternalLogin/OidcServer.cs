using System.Globalization;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts.ExternalLogin;

// One provider and one Bugsink (plain http, as the issue asks) for the OpenID Connect tests: the server must
// know its own address (the redirect URIs) before it starts, and the provider the server's.
public sealed class OidcServer : IAsyncLifetime
{
    public const string Button = "Sign in with TestID";

    public OidcTestProvider? Provider { get; private set; }

    public BugsinkTestServer Server { get; private set; } = null!;

    // Null when the provider can run here.
    public string? Missing { get; } = OidcTestProvider.Missing();

    public long StaffTeamId { get; private set; }

    public async Task InitializeAsync()
    {
        if (Missing is not null)
        {
            return;
        }

        var address = "http://127.0.0.1:" + LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        Provider = await OidcTestProvider.StartAsync(address);
        Server = await BugsinkTestServer.StartAsync(
            "--urls", address, "--Bugsink:BaseUrl=" + address,
            "--Bugsink:Oidc:Authority=" + Provider.Issuer,
            "--Bugsink:Oidc:ClientId=" + OidcTestProvider.ClientId,
            "--Bugsink:Oidc:ClientSecret=" + OidcTestProvider.ClientSecret,
            "--Bugsink:Oidc:DisplayName=" + Button,
            "--Bugsink:Oidc:RequireHttpsMetadata=false",
            "--Bugsink:Oidc:AllowedEmailDomains=example.com, example.org",
            "--Bugsink:Oidc:AdminClaim=groups=bugsink-admins",
            "--Bugsink:Oidc:TeamClaim=groups");
        // The password account an unverified address must not take over.
        await Server.CreateUserAsync("victim@example.com");
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var staff = new Team { Name = "staff" };
        db.Teams.Add(staff);
        await db.SaveChangesAsync();
        StaffTeamId = staff.Id;
    }

    public async Task DisposeAsync()
    {
        if (Provider is not null)
        {
            await Server.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }

}
