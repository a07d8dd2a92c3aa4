using System.Net;
using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Features.MigrateToPostgres;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bugsink.Web.Tests.Features.Database.Postgres.Migration;

// Issue 21, item 5: `bugsink migrate-to-postgres` moves a stopped SQLite installation into an empty PostgreSQL
// database: every table with equal counts, the same issue page, the old session cookie and channel secret
// still good; a second run and a running installation are refused; --resume after an interruption finishes
// the copy without a duplicate row.
[Collection(SequentialServers.Name)]
public sealed class MigrateToPostgresTests(SqliteInstallation installation) : IClassFixture<SqliteInstallation>
{
    [SkippableFact]
    public async Task Migration_CopiesEveryTable_AndTheServerOnPostgresListsTheSameIssues_ForTheOldSession()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var url = postgres.UrlFor(connectionString);

        var result = await MigrateAsync(installation.DataDir, url);
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("Events: 6 rows", result.Output, StringComparison.Ordinal);
        Assert.Contains("every count equal", result.Output, StringComparison.Ordinal);
        var tables = await AssertCountsEqualAsync(installation.DataDir, connectionString);
        Assert.True(tables >= 30, $"{tables} tables compared");
        Assert.Equal(0, await ScalarAsync(connectionString, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{PostgresTarget.MarkTable}'"));

        await using (var node = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["BUGSINK_DATABASE_URL"] = url,
            ["Bugsink__Database__Experimental"] = "true",
        }))
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, $"/projects/{installation.ProjectId}/issues/?tab=all"));
            request.Headers.Add("Cookie", $"bugsink.session={installation.SessionCookie}");
            using var answer = await http.SendAsync(request);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"the old session got {(int)answer.StatusCode} {answer.Headers.Location}\n{node.RecentOutput}");
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await answer.Content.ReadAsStringAsync());
            Assert.Equal(installation.IssueRows, SqliteInstallation.ListRows(page));
        }

        await using (var server = await BugsinkTestServer.StartAsync($"--Bugsink:Database:Url={url}", "--Bugsink:Database:Experimental=true"))
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var channel = await db.Set<AlertChannel>().SingleAsync(c => c.Id == installation.ChannelId);
            Assert.Equal(SqliteInstallation.ChannelSecret, scope.ServiceProvider.GetRequiredService<ChannelSecrets>().Unprotect(channel.ProtectedSecret!));
            // The identity sequences went past the copied ids: a new project gets the next one, no key clash.
            var created = await server.CreateProjectAsync("After The Move");
            Assert.Equal(installation.HighestProjectId + 1, created.Id);
        }

        var again = await MigrateAsync(installation.DataDir, url);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds", again.Errors, StringComparison.Ordinal);
        var resumed = await MigrateAsync(installation.DataDir, url, "--resume");
        Assert.Equal(1, resumed.ExitCode);
        Assert.Contains("no migration under way", resumed.Errors, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Resume_AfterARunInterruptedInTheEventsTable_CopiesTheRest_AndDuplicatesNothing()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var source = SqliteSource.Open(installation.DataDir);
        // Interrupted the way a lost connection or a kill would: inside the COPY of Events, after 2 of its 6 rows.
        var interrupting = new TableCopier(batchRows: 2, (table, rows) =>
        {
            if (table == "Events")
            {
                throw new IOException("interrupted");
            }
        });
        var log = new StringWriter();
        Assert.Throws<IOException>(() => new PostgresMigrator(source, new PostgresTarget(connectionString), log, interrupting).Run(resume: false));
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM \"Events\""));
        Assert.Equal(2, await ScalarAsync(connectionString, "SELECT count(*) FROM \"Projects\""));
        SqliteConnection.ClearAllPools();

        var refused = await MigrateAsync(installation.DataDir, postgres.UrlFor(connectionString));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--resume", refused.Errors, StringComparison.Ordinal);

        var resumed = await MigrateAsync(installation.DataDir, postgres.UrlFor(connectionString), "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Errors);
        Assert.Contains("Projects: 2 rows, copied before", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("Events: 6 rows in", resumed.Output, StringComparison.Ordinal);
        await AssertCountsEqualAsync(installation.DataDir, connectionString);
        Assert.Equal(6, await ScalarAsync(connectionString, "SELECT count(DISTINCT \"EventId\") FROM \"Events\""));
    }

    [SkippableFact]
    public async Task RunningInstallation_IsRefused_AndNothingIsWritten()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var running = await ServerProcess.StartAsync();
        var result = await MigrateAsync(running.DataDir, postgres.UrlFor(connectionString));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("open in another process: stop the Bugsink server", result.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [SkippableFact]
    public async Task UndigestedEvents_AndUnknownTables_AreRefused()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var folder = installation.CopyTo(Path.Combine(Path.GetTempPath(), "bugsink-tests", "migrate-copy-" + Guid.NewGuid().ToString("N")));
        try
        {
            Execute(Path.Combine(folder, "inbox.db"), "INSERT INTO inbox_events (id, project_id, event_id, received_at, payload, payload_size) VALUES (1000000, 1, 'e', 0, x'00', 1)");
            var undigested = await MigrateAsync(folder, postgres.UrlFor(connectionString));
            Assert.Equal(1, undigested.ExitCode);
            Assert.Contains("not digested yet", undigested.Errors, StringComparison.Ordinal);
            Execute(Path.Combine(folder, "inbox.db"), "DELETE FROM inbox_events WHERE id = 1000000");

            Execute(Path.Combine(folder, "bugsink.db"), "CREATE TABLE Mystery (x INTEGER)");
            var unknown = await MigrateAsync(folder, postgres.UrlFor(connectionString));
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("does not know: Mystery", unknown.Errors, StringComparison.Ordinal);
            Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<CliResult> MigrateAsync(string dataDir, string url, params string[] extra) =>
        BugsinkCli.RunInAsync(AppContext.BaseDirectory, ["migrate-to-postgres", "--from", dataDir, "--to", url, .. extra]);

    // Every table of bugsink.db the model has, counted on both sides (the key ring is compared by its keys).
    private static async Task<int> AssertCountsEqualAsync(string dataDir, string connectionString)
    {
        var compared = 0;
        using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDir, "bugsink.db")};Pooling=False");
        sqlite.Open();
        await using var db = new PostgresAppDbContext(connectionString);
        foreach (var table in db.Model.GetRelationalModel().Tables.Select(t => t.Name).Where(n => n != "DataProtectionKeys"))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            var expected = (long)command.ExecuteScalar()!;
            Assert.True(expected == await ScalarAsync(connectionString, $"SELECT count(*) FROM \"{table}\""), $"{table}: {expected} rows in SQLite");
            compared++;
        }

        var keyFiles = Directory.GetFiles(Path.Combine(dataDir, "keys"), "*.xml").Length;
        Assert.True(keyFiles > 0);
        Assert.Equal(keyFiles, await ScalarAsync(connectionString, "SELECT count(*) FROM \"DataProtectionKeys\""));
        return compared;
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

// The PostgreSQL model's context on a test database, for the list of tables.
file sealed class PostgresAppDbContext(string connectionString) : IAsyncDisposable
{
    private readonly Bugsink.Web.Infrastructure.Database.Engines.PostgresAppDbContext _db =
        new(new DbContextOptionsBuilder<Bugsink.Web.Infrastructure.Database.Engines.PostgresAppDbContext>().UseNpgsql(connectionString).Options);

    public Microsoft.EntityFrameworkCore.Metadata.IModel Model => _db.Model;

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
