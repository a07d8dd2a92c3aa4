namespace Bugsink.Web.Tests.Infrastructure;

// One server for a whole test class (IClassFixture<SharedServer>), for classes whose tests do not get in
// each other's way: each makes its own users and projects under names of its own (NewEmail, NewName).
// Starting a server costs a second or more under load; most tests take milliseconds. A class that needs
// settings of its own derives from this and overrides StartAsync. No test of such a class may start a
// server of its own: Hangfire's JobStorage.Current is process-wide, and once that second server is
// disposed, the shared one can no longer enqueue its digest (put such tests in a class of their own).
public class SharedServer : IAsyncLifetime
{
    public BugsinkTestServer Server { get; private set; } = null!;

    // An address no other test of the class uses, so tests can run in any order on one database.
    public static string NewEmail(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}@example.com";

    public static string NewName(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    public async Task InitializeAsync()
    {
        Server = await StartAsync();
        await PrepareAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected virtual Task<BugsinkTestServer> StartAsync() => BugsinkTestServer.StartAsync();

    // What every test of the class may rely on and none changes (an administrator, say).
    protected virtual Task PrepareAsync(BugsinkTestServer server) => Task.CompletedTask;
}
