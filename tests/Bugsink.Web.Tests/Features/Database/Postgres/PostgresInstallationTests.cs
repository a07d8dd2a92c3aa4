using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Database.Engines;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bugsink.Web.Tests.Features.Database.Postgres;

// Issue 21, first part: the schema, Hangfire's storage, the accounts and the pages on a real PostgreSQL,
// reached as a role that owns its database and is not a superuser (as on a managed database).
[Collection(SequentialServers.Name)]
public sealed class PostgresInstallationTests
{
    [SkippableFact]
    public async Task Migrations_BuildTheWholeModel_AsAnOwnerThatIsNoSuperuser()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
        {
            await db.Database.MigrateAsync();
            Assert.False(db.Database.HasPendingModelChanges(), "the PostgreSQL migrations lag behind the model: add one with --context PostgresAppDbContext");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var tables = await ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.True(tables >= 20, $"{tables} tables");
        Assert.Equal(1, await ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'AspNetUserPasskeys'"));
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND rolsuper"));
    }

    [SkippableFact]
    public async Task Server_KeepsAccountsProjectsAndJobs_InPostgres()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await BugsinkTestServer.StartAsync(
            $"--Bugsink:Database:Url={postgres.UrlFor(connectionString)}", "--Bugsink:Database:Experimental=true");
        Assert.IsType<PostgresAppDbContext>(server.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>());

        await server.CreateUserAsync("admin@example.com", isAdmin: true);
        using var admin = await server.LogInAsync("admin@example.com");
        var project = await server.CreateProjectAsync("Postgres App");
        var projects = await admin.GetAsync("/projects/");
        Assert.Contains("Postgres App", projects.Text, StringComparison.Ordinal);
        var settings = await admin.GetAsync($"/projects/{project.Id}/settings/");
        Assert.Equal(System.Net.HttpStatusCode.OK, settings.Status);

        Assert.Equal(1, await ScalarAsync(connectionString, "SELECT count(*) FROM \"Projects\" WHERE \"Name\" = 'Postgres App'"));
        Assert.Equal(1, await ScalarAsync(connectionString, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = 'admin@example.com'"));
        // Hangfire's queues live in their own schema of the same database, so nodes can share them.
        Assert.True(await ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire'") > 5);
        Assert.True(await ScalarAsync(connectionString, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'") > 0);
        // bugsink.db and inbox.db still appear: ingest, the digest and retention keep their SQLite statements
        // until issue 21 gives them PostgreSQL ones (ARCHITECTURE.md "Two engines"). Hangfire's is gone already.
        Assert.False(File.Exists(Path.Combine(server.DataDir, "hangfire.db")), "hangfire.db was created beside a PostgreSQL installation");
    }

    // Issue 21, item 2: nodes that start together migrate one at a time (MigrationLock), and every one of them
    // comes up. Relying on EF Core's own lock, one node died on "relation IX_Issues_Title_trgm already exists".
    [SkippableFact]
    public async Task TwoNodesStartingAtOnce_OnAnEmptyDatabase_BothComeUp_AndEachMigrationRunsOnce()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["BUGSINK_DATABASE_URL"] = postgres.UrlFor(connectionString),
            ["Bugsink__Database__Experimental"] = "true",
        };
        var nodes = await Task.WhenAll(ServerProcess.StartAsync(environment), ServerProcess.StartAsync(environment));
        try
        {
            foreach (var node in nodes)
            {
                using var live = await node.Http.GetAsync("/health/live");
                Assert.True(live.IsSuccessStatusCode, $"/health/live answered {(int)live.StatusCode}");
            }

            await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
            Assert.Equal(db.Database.GetMigrations().Count(), await ScalarAsync(connectionString, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
