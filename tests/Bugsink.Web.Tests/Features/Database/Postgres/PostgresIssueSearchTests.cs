using Bugsink.Web.Features.Issues;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Database.Postgres;

// The issue list's free text on PostgreSQL: pg_trgm's indexes and ILIKE instead of SQLite's FTS5, with the
// same answers as IssueTextSearchTests gives on SQLite. The issues are written through the context: the
// digest does not run on PostgreSQL yet.
[Collection(SequentialServers.Name)]
public sealed class PostgresIssueSearchTests
{
    [SkippableFact]
    public async Task FreeText_FindsAnyPartOfTheTitle_InEitherCase_ThroughTheTrigramIndex()
    {
        var postgres = await PostgresServer.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var server = await BugsinkTestServer.StartAsync(
            $"--Bugsink:Database:Url={postgres.UrlFor(connectionString)}", "--Bugsink:Database:Experimental=true");
        await server.CreateUserAsync("admin@example.com", isAdmin: true);
        using var admin = await server.LogInAsync("admin@example.com");
        var project = await server.CreateProjectAsync("Search App");
        await AddIssueAsync(server, project.Id, 1, "LedgerReconciliationFault", "mismatch in Zürich branch");
        await AddIssueAsync(server, project.Id, 2, "TimeoutError", "upstream took 100% of 30_000 ms");

        async Task<string> TitlesAsync(string query)
        {
            var page = await admin.GetAsync($"/projects/{project.Id}/issues/?tab=all&q={Uri.EscapeDataString(query)}");
            Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
            return string.Join("|", page.FindAll("a.issue-title").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        }

        const string Ledger = "LedgerReconciliationFault: mismatch in Zürich branch";
        Assert.Equal(Ledger, await TitlesAsync("CONCILIATION"));
        Assert.Equal(Ledger, await TitlesAsync("ledgerreconciliationfault zürich"));
        Assert.Equal(Ledger, await TitlesAsync("ZÜRICH"));
        Assert.Equal(Ledger, await TitlesAsync("Zü"));
        Assert.Equal("", await TitlesAsync("ReconciliationFaults"));
        Assert.Equal("TimeoutError: upstream took 100% of 30_000 ms", await TitlesAsync("100%"));
        Assert.Equal("", await TitlesAsync("1_0"));
        Assert.Equal("", await TitlesAsync("a\0b"));
        // The planner can use the trigram index at all (with few rows it would rather scan, so scans are off).
        await using var db = server.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        var plan = string.Join("\n", await db.Database.SqlQueryRaw<string>(
            "EXPLAIN SELECT \"Id\" FROM \"Issues\" WHERE \"Title\" ILIKE '%conciliation%'").ToListAsync());
        Assert.Contains("IX_Issues_Title_trgm", plan, StringComparison.Ordinal);
    }

    private static async Task AddIssueAsync(BugsinkTestServer server, long projectId, long number, string type, string value)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Issues.Add(new Issue
        {
            ProjectId = projectId, Number = number, Title = $"{type}: {value}", Type = type, Value = value, Level = "error", Platform = "python",
            FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow, EventCount = 1,
        });
        await db.SaveChangesAsync();
    }
}
