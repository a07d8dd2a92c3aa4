using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Tests.Features.Api;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Database.Postgres;

// Issue 21, item 3: ingest and the digest on PostgreSQL, through the real endpoints with real SDK payloads, with no
// SQLite file in the data folder. The same payloads go to a SQLite server too, and both must group and count alike.
[Collection(SequentialServers.Name)]
public sealed class PostgresHotPathTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task SampleEvents_BecomeTheSameIssuesAndCounts_AsOnSqlite_AndNoDatabaseFileAppears()
    {
        var samples = SampleFiles();
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await StartAsync(postgres, connectionString);
        var onPostgres = await SendAllAsync(server, samples);
        await WaitForDigestAsync(connectionString, onPostgres.Stored);
        var pg = Summarise(new NpgsqlConnection(connectionString));

        await using var sqliteServer = await BugsinkTestServer.StartAsync();
        var onSqlite = await SendAllAsync(sqliteServer, samples);
        await sqliteServer.WaitForDigestAsync(TimeSpan.FromSeconds(120));
        var sqlite = Summarise(new SqliteConnection($"Data Source={sqliteServer.MainDatabasePath}"));

        output.WriteLine($"{samples.Length} samples, {onPostgres.Stored} events sent to each; PostgreSQL: {pg}; SQLite: {sqlite}");
        Assert.Equal(onSqlite.Stored, onPostgres.Stored);
        Assert.Equal(onPostgres.Stored, pg.Events);
        Assert.Equal(sqlite, pg);
        // Every event is counted once in its issue, in the hourly counts and in the level tag the digest adds.
        Assert.Equal(pg.Events, pg.IssueEventSum);
        Assert.Equal(pg.Events, pg.IssueHourSum);
        Assert.Equal(pg.Events, pg.ProjectHourSum);
        Assert.Equal(pg.Events, pg.LevelTagSum);
        Assert.Equal(0, Scalar(connectionString, "SELECT count(*) FROM inbox_events"));

        // Every issue's page renders from PostgreSQL: the "Assign to" list's ValueTuple projection made each a 500.
        await server.CreateUserAsync("admin@example.com", isAdmin: true);
        using var admin = await server.LogInAsync("admin@example.com");
        var issueIds = new List<long>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT \"Id\" FROM \"Issues\" ORDER BY \"Id\"", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                issueIds.Add(reader.GetInt64(0));
            }
        }

        foreach (var issueId in issueIds)
        {
            var page = await admin.GetAsync($"/issues/{issueId}/");
            Assert.True(page.Status == System.Net.HttpStatusCode.OK, $"/issues/{issueId}/ answered {(int)page.Status} on PostgreSQL");
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync($"/projects/{onPostgres.Project.Id}/issues/")).Status);
        AssertNoDatabaseFile(server.DataDir);
    }

    [SkippableFact]
    public async Task AResend_IsStoredOnce_AndAResolvedIssueRegresses_WithHistoryAndAlert()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await StartAsync(postgres, connectionString);
        var project = await server.CreateProjectAsync("Workflow");
        var first = Envelopes.NewEventId();
        // The same event three times (an SDK resending after a lost answer), before and after its digest.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await Send(server, project, first, "Regression case")).Status);
        }

        await WaitForEventCountAsync(connectionString, 1);
        Assert.Equal(200, (await Send(server, project, first, "Regression case")).Status);
        await WaitForInboxEmptyAsync(connectionString);
        Assert.Equal(1, Scalar(connectionString, "SELECT count(*) FROM \"Events\""));
        Assert.Equal(1, Scalar(connectionString, "SELECT \"EventCount\" FROM \"Issues\""));

        // Resolved as a user would (the digest reads the state from the database every batch); the next event regresses it.
        Execute(connectionString, "UPDATE \"Issues\" SET \"IsResolved\" = TRUE, \"ResolvedAt\" = 1");
        Assert.Equal(200, (await Send(server, project, Envelopes.NewEventId(), "Regression case")).Status);
        await WaitForEventCountAsync(connectionString, 2);
        Assert.Equal(0, Scalar(connectionString, "SELECT count(*) FROM \"Issues\" WHERE \"IsResolved\""));
        Assert.Equal(2, Scalar(connectionString, "SELECT \"EventCount\" FROM \"Issues\""));
        Assert.Equal(1, Scalar(connectionString, $"SELECT count(*) FROM \"IssueHistory\" WHERE \"Kind\" = {(int)IssueHistoryKind.Regressed}"));
        Assert.Equal(1, Scalar(connectionString, $"SELECT count(*) FROM \"AlertRequests\" WHERE \"Kind\" = {(int)AlertKind.Regression}"));
        Assert.Equal(1, Scalar(connectionString, $"SELECT count(*) FROM \"AlertRequests\" WHERE \"Kind\" = {(int)AlertKind.NewIssue}"));
        // Ready for a load balancer: the probe reads PostgreSQL, not the inbox.db a SQLite node would have.
        using var ready = await server.Http.GetAsync("/health/ready");
        Assert.True(ready.IsSuccessStatusCode, $"/health/ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
        AssertNoDatabaseFile(server.DataDir);
    }

    [SkippableFact]
    public async Task A19MiBAttachment_IsStreamedIn_AndDownloadsByteForByte()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await StartAsync(postgres, connectionString);
        var project = await server.CreateProjectAsync("Attachments");
        var eventId = Envelopes.NewEventId();
        // Random, so incompressible: just under the 20 MiB the wire allows per request; spooled (over 256 KiB) and streamed into the inbox.
        var bytes = RandomNumberGenerator.GetBytes(19 * 1024 * 1024);
        var envelope = Envelopes.WithLengths(
            $$"""{"event_id":"{{eventId}}"}""",
            ("""{"type":"event"}""", Encoding.UTF8.GetBytes(Envelopes.MinimalEvent(eventId))),
            ("""{"type":"attachment","filename":"core.bin","content_type":"application/octet-stream"}""", bytes));
        var answer = await server.Http.PostAsync($"/api/{project.Id}/envelope/", envelope, IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);
        await WaitForEventCountAsync(connectionString, 1);
        await WaitForInboxEmptyAsync(connectionString);
        Assert.Equal(bytes.Length, Scalar(connectionString, "SELECT \"Size\" FROM \"EventAttachments\""));

        using var scope = server.Services.CreateScope();
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().CreateAsync(null, "tests", CancellationToken.None);
        var api = new ApiClient(server, token.Secret);
        var eventRowId = Scalar(connectionString, "SELECT \"Id\" FROM \"Events\"");
        var attachmentId = Scalar(connectionString, "SELECT \"Id\" FROM \"EventAttachments\"");
        var (status, _, body) = await api.GetBytesAsync($"events/{eventRowId}/attachments/{attachmentId}/download/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(bytes.Length, body.Length);
        Assert.True(bytes.AsSpan().SequenceEqual(body), "the downloaded bytes differ from the sent ones");
        AssertNoDatabaseFile(server.DataDir);
    }

    // One node digests: the one whose leader loop holds the advisory lock.
    [SkippableFact]
    public async Task TheDigestRuns_OnlyWhileThisNodeHoldsTheLeaderLock()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await StartAsync(postgres, connectionString);
        var leader = (PostgresDigestLeader)server.Services.GetRequiredService<IDigestTrigger>();
        await WaitUntilAsync(() => leader.IsLeader, "the only node never took the digest lock");

        // Another session takes the lock away: kill the leader's session, then hold the lock from outside.
        var project = await server.CreateProjectAsync("Leader");
        using var outsider = new NpgsqlConnection(connectionString);
        outsider.Open();
        using (var take = new NpgsqlCommand("""
            SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1651861363 AND objid = 1768844034 AND pid <> pg_backend_pid()
            """, outsider))
        {
            take.ExecuteNonQuery();
        }

        await WaitUntilAsync(() => TryLock(outsider), "the outside session could not take the digest lock");
        Assert.Equal(200, (await Send(server, project, Envelopes.NewEventId(), "While locked out")).Status);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, Scalar(connectionString, "SELECT count(*) FROM inbox_events"));
        Assert.Equal(0, Scalar(connectionString, "SELECT count(*) FROM \"Events\""));
        Assert.False(leader.IsLeader);

        // Freed (as when the holder dies): the node takes over and digests within a few seconds.
        var freed = DateTime.UtcNow;
        outsider.Close();
        await WaitForEventCountAsync(connectionString, 1);
        output.WriteLine($"digested {(DateTime.UtcNow - freed).TotalMilliseconds:N0} ms after the lock was freed");
        Assert.True(DateTime.UtcNow - freed < TimeSpan.FromSeconds(10));
    }

    private static Task<BugsinkTestServer> StartAsync(PostgresServer postgres, string connectionString) =>
        BugsinkTestServer.StartAsync($"--Bugsink:Database:Url={postgres.UrlFor(connectionString)}", "--Bugsink:Database:Experimental=true");

    private static Task<IngestAnswer> Send(BugsinkTestServer server, TestProject project, string eventId, string message) =>
        server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(eventId, Envelopes.MinimalEvent(eventId, message)), IngestClient.AuthFor(project));

    // Each sample three times (three events of one issue), once through /store/ and twice in an envelope.
    private static async Task<(int Stored, TestProject Project)> SendAllAsync(BugsinkTestServer server, string[] samples)
    {
        var project = await server.CreateProjectAsync("Corpus");
        var stored = 0;
        foreach (var file in samples)
        {
            var json = await File.ReadAllBytesAsync(file);
            for (var copy = 0; copy < 3; copy++)
            {
                var id = Envelopes.NewEventId();
                var payload = WithEventId(json, id);
                var answer = copy == 0
                    ? await server.Http.PostAsync($"/api/{project.Id}/store/", payload, IngestClient.AuthFor(project))
                    : await server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(id, Encoding.UTF8.GetString(payload)), IngestClient.AuthFor(project));
                Assert.True(answer.Status == 200, $"{Path.GetFileName(file)}: {answer.Status} {answer.Body}");
                stored++;
            }
        }

        return (stored, project);
    }

    private sealed record Summary(long Events, long Issues, long IssueEventSum, long IssueHourSum, long ProjectHourSum, long LevelTagSum, long TagRows, string EventsPerIssue)
    {
        public override string ToString() =>
            $"{Events} events, {Issues} issues (events per issue {EventsPerIssue}), {TagRows} tag rows, hourly {IssueHourSum}/{ProjectHourSum}, level tags {LevelTagSum}";
    }

    private static Summary Summarise(System.Data.Common.DbConnection connection)
    {
        using (connection)
        {
            connection.Open();
            long Count(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            var perIssue = new List<long>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT \"EventCount\" FROM \"Issues\" ORDER BY \"EventCount\"";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    perIssue.Add(reader.GetInt64(0));
                }
            }

            return new Summary(
                Count("SELECT count(*) FROM \"Events\""),
                Count("SELECT count(*) FROM \"Issues\""),
                Count("SELECT coalesce(sum(\"EventCount\"), 0) FROM \"Issues\""),
                Count("SELECT coalesce(sum(\"Count\"), 0) FROM \"IssueHourlyCounts\""),
                Count("SELECT coalesce(sum(\"Count\"), 0) FROM \"ProjectHourlyCounts\""),
                Count("SELECT coalesce(sum(\"Count\"), 0) FROM \"IssueTags\" WHERE \"Key\" = 'level'"),
                Count("SELECT count(*) FROM \"IssueTags\""),
                string.Join(",", perIssue.GroupBy(n => n).Select(g => $"{g.Key}x{g.Count()}")));
        }
    }

    private static string[] SampleFiles()
    {
        // The corpus sits beside the repository (../shared), as for every other sample test.
        Skip.If(SampleEvents.Folder is null && !SampleEvents.RequireAll, "the shared event samples are not beside the repository");
        Assert.NotNull(SampleEvents.Folder);
        return [.. SampleEvents.Files];
    }

    private static byte[] WithEventId(byte[] json, string eventId)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event_id", eventId);
            foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Name != "event_id"))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void AssertNoDatabaseFile(string dataDir)
    {
        var files = Directory.Exists(dataDir) ? Directory.GetFiles(dataDir, "*.db*", SearchOption.AllDirectories) : [];
        Assert.True(files.Length == 0, "SQLite files beside a PostgreSQL installation: " + string.Join(", ", files.Select(Path.GetFileName)));
    }

    private static bool TryLock(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = 0x6275_6773_696E_6B02L });
        return command.ExecuteScalar() is true;
    }

    private static async Task WaitForDigestAsync(string connectionString, long events)
    {
        await WaitForEventCountAsync(connectionString, events, TimeSpan.FromSeconds(120));
        await WaitForInboxEmptyAsync(connectionString);
    }

    private static Task WaitForEventCountAsync(string connectionString, long events, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Scalar(connectionString, "SELECT count(*) FROM \"Events\"") >= events, $"fewer than {events} events were digested", timeout);

    private static Task WaitForInboxEmptyAsync(string connectionString) =>
        WaitUntilAsync(() => Scalar(connectionString, "SELECT count(*) FROM inbox_events") == 0, "the inbox was not emptied");

    private static async Task WaitUntilAsync(Func<bool> condition, string failure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
