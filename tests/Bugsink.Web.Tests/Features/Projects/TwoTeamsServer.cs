using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Projects;

// One server with TwoTeams for a whole test class, for classes whose tests only read (or clean up
// after themselves): starting a server and sending the events takes seconds, a test a few milliseconds.
public sealed class TwoTeamsServer : IAsyncLifetime
{
    public BugsinkTestServer Server { get; private set; } = null!;

    public TwoTeams Teams { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await BugsinkTestServer.StartAsync();
        Teams = await TwoTeams.CreateAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
