using Bugsink.Sentry.Auth;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Infrastructure;

// The real application on a real loopback port with its own data folder: real SQLite files, real
// Hangfire. Hangfire keeps its storage in a static, so only one of these runs at a time (see ServerCollection).
public sealed class BugsinkTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BugsinkTestServer(WebApplication app, string dataDir, Uri baseAddress)
    {
        _app = app;
        DataDir = dataDir;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public string DataDir { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    private bool KeepDataDir { get; set; }

    public static Task<BugsinkTestServer> StartAsync(params string[] extraArgs) => StartAsync(replaceServices: null, extraArgs);

    // The app's clock becomes this one (a FakeTimeProvider, typically).
    public static Task<BugsinkTestServer> StartAsync(TimeProvider time, params string[] extraArgs) =>
        StartAsync(services => services.AddSingleton(time), extraArgs);

    // replaceServices runs after every registration of the app: the last registration of a service wins.
    public static Task<BugsinkTestServer> StartAsync(Action<IServiceCollection>? replaceServices, params string[] extraArgs) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "bugsink-tests", Guid.NewGuid().ToString("N")), replaceServices, extraArgs);

    // In a data folder of the test's, left in place at dispose: a stopped installation for the tools that read one.
    public static async Task<BugsinkTestServer> StartInAsync(string dataDir, params string[] extraArgs)
    {
        var server = await StartAsync(dataDir, null, extraArgs);
        server.KeepDataDir = true;
        return server;
    }

    private static async Task<BugsinkTestServer> StartAsync(string dataDir, Action<IServiceCollection>? replaceServices, string[] extraArgs)
    {
        // Tests log in many times from one address; the ones about the sign-in limit set their own (later wins).
        string[] args = ["--urls", "http://127.0.0.1:0", $"--Bugsink:DataDir={dataDir}", "--Bugsink:Accounts:AttemptsPerClient=100000", .. extraArgs];
        var app = BugsinkApp.Build(args, replaceServices);
        DatabaseStartup.Initialize(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BugsinkTestServer(app, dataDir, new Uri(address));
    }

    public async Task<TestProject> CreateProjectAsync(string name = "Test App")
    {
        using var scope = _app.Services.CreateScope();
        var creator = ActivatorUtilities.CreateInstance<ProjectCreator>(scope.ServiceProvider);
        var project = await creator.CreateAsync(name, null, CancellationToken.None);
        var baseUrl = BaseAddress.ToString().TrimEnd('/');
        return new TestProject(project.Id, project.PublicKey, Dsn.Format(baseUrl, project.PublicKey, project.Id));
    }

    public string MainDatabasePath => Path.Combine(DataDir, "bugsink.db");

    public const string TestPassword = "correct horse battery";

    // An account made the way the CLI and the users page make them; returns its id.
    public async Task<long> CreateUserAsync(string email, bool isAdmin = false, string password = TestPassword)
    {
        using var scope = _app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserCreator>().CreateAsync(email, password, isAdmin);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return created.User!.Id;
    }

    // A cookie-keeping page client logged in through the real login form.
    public async Task<PageClient> LogInAsync(string email, string password = TestPassword)
    {
        var client = new PageClient(BaseAddress);
        var page = await client.LogInAsync(email, password);
        Assert.True(page.Find("form[action*='logout']") is not null, $"Login as {email} failed:\n{page.Text}");
        return client;
    }

    // Reads from the main database the way an operator with sqlite3 would.
    public long Count(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={MainDatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Waits until the inbox is empty and nothing is digesting: everything acknowledged is in the main database.
    public async Task WaitForDigestAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var inbox = Path.Combine(DataDir, "inbox.db");
        while (DateTime.UtcNow < deadline)
        {
            using (var connection = new SqliteConnection($"Data Source={inbox}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM inbox_events";
                if ((long)command.ExecuteScalar()! == 0)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The digest did not empty the inbox in time.");
    }

    // Waits until these events are digested: the SDKs send in the background, so "the inbox is
    // empty" alone can be true before their requests even arrived.
    public async Task WaitForEventsAsync(params string[] eventIds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var ids = System.Text.Json.JsonSerializer.Serialize(eventIds);
            if (Count("SELECT count(*) FROM Events WHERE EventId IN (SELECT value FROM json_each($ids))", ("$ids", ids)) == eventIds.Distinct().Count())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Events were not digested in time: " + string.Join(", ", eventIds));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        // The host does not dispose these, and the first page with asp-append-version makes the web root
        // provider watch its files: one inotify instance per server that outlives it, and a full test
        // run would reach the per-user limit of 128, after which pages answer 500.
        var environment = _app.Environment;
        await _app.StopAsync();
        await _app.DisposeAsync();
        (environment.WebRootFileProvider as IDisposable)?.Dispose();
        (environment.ContentRootFileProvider as IDisposable)?.Dispose();
        SqliteConnection.ClearAllPools();
        if (KeepDataDir)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

public sealed record TestProject(long Id, string PublicKey, string Dsn);
