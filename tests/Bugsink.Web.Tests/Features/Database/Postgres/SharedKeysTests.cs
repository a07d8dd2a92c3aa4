using System.Net;
using Bugsink.Web.Tests.Infrastructure;
using Npgsql;

namespace Bugsink.Web.Tests.Features.Database.Postgres;

// Issue 21, item 4: on PostgreSQL the data-protection keys live in the database, so a session cookie one node
// made opens the pages on another node with a data folder of its own (no shared disk).
[Collection(SequentialServers.Name)]
public sealed class SharedKeysTests
{
    [SkippableFact]
    public async Task SessionCookie_FromNodeA_IsAcceptedByNodeB_AndNoKeyIsKeptInEitherDataFolder()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var url = postgres.UrlFor(connectionString);
        await using var nodeA = await BugsinkTestServer.StartAsync($"--Bugsink:Database:Url={url}", "--Bugsink:Database:Experimental=true");
        await using var nodeB = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["BUGSINK_DATABASE_URL"] = url,
            ["Bugsink__Database__Experimental"] = "true",
        });
        await nodeA.CreateUserAsync("admin@example.com", isAdmin: true);
        await nodeA.CreateProjectAsync("Shared Keys App");
        using var signedIn = await nodeA.LogInAsync("admin@example.com");
        var session = signedIn.Cookies.GetCookies(nodeA.BaseAddress)["bugsink.session"];
        Assert.NotNull(session);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nodeB.BaseAddress, "/projects/"));
        request.Headers.Add("Cookie", $"bugsink.session={session.Value}");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var answer = await noRedirects.SendAsync(request);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"node B answered {(int)answer.StatusCode} {answer.Headers.Location}");
        Assert.Contains("Shared Keys App", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.False(Directory.Exists(Path.Combine(nodeA.DataDir, "keys")), "node A kept keys in its data folder");
        Assert.False(Directory.Exists(Path.Combine(nodeB.DataDir, "keys")), "node B kept keys in its data folder");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"DataProtectionKeys\"", connection);
        // Both nodes started on an empty key ring; the startup made one key under the migration lock, not two.
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
