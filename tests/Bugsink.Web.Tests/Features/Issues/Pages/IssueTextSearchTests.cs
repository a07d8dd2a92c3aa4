using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// Free text finds any part of an issue's title, type or value, in either case. Words of three
// characters or more that few issues contain come from the trigram index (IssueText), which triggers
// keep in step with the Issues table; shorter or common words are matched row by row.
[Collection(SequentialServers.Name)]
public sealed class IssueTextSearchTests(IssuePagesFixture fixture) : IClassFixture<IssuePagesFixture>
{
    private string ListPath => $"/projects/{fixture.Alpha.Id}/issues/";

    [Fact]
    public async Task FreeText_FindsAnyPartOfTheTitle_InEitherCase()
    {
        await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("LedgerReconciliationFault", "mismatch in Zürich branch"));
        const string Title = "LedgerReconciliationFault: mismatch in Zürich branch";

        Assert.Equal(Title, await TitlesAsync("CONCILIATION"));
        Assert.Equal(Title, await TitlesAsync("ledgerreconciliationfault zürich"));
        // The index folds case beyond ASCII, which LIKE does not.
        Assert.Equal(Title, await TitlesAsync("ZÜRICH"));
        // Two characters are below a trigram: matched row by row, still found.
        Assert.Contains(Title, await TitlesAsync("Zü"), StringComparison.Ordinal);
        Assert.Equal("", await TitlesAsync("ReconciliationFaults"));
        Assert.Equal("", await TitlesAsync("Fault\"s"));
        Assert.Equal("", await TitlesAsync("Ledger% 100%_"));
    }

    [Fact]
    public async Task TextIndex_FollowsRenamedAndDeletedIssues()
    {
        var (renamed, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("OriginalNameQuux", "first"));
        var (deleted, _) = await fixture.SendAsync(fixture.Alpha, IssuePagesFixture.RichEvent("DoomedIssueQuux", "second"));
        Assert.Equal("DoomedIssueQuux: second|OriginalNameQuux: first", await TitlesAsync("Quux"));

        using (var connection = OpenDatabase())
        {
            Execute(connection, $"UPDATE Issues SET Title = 'RenamedIssueQuux: first', Type = 'RenamedIssueQuux' WHERE Id = {renamed}");
            Execute(connection, "PRAGMA foreign_keys = OFF");
            Execute(connection, $"DELETE FROM Issues WHERE Id = {deleted}");
            // Reads the index against the Issues table and fails on any difference.
            Execute(connection, "INSERT INTO IssueText (IssueText, rank) VALUES ('integrity-check', 1)");
        }

        Assert.Equal("", await TitlesAsync("OriginalName"));
        Assert.Equal("", await TitlesAsync("DoomedIssue"));
        Assert.Equal("RenamedIssueQuux: first", await TitlesAsync("RenamedIssue"));
    }

    private async Task<string> TitlesAsync(string query)
    {
        var page = await fixture.Ann.GetAsync(ListPath + "?tab=all&q=" + Uri.EscapeDataString(query));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        return string.Join("|", page.FindAll("a.issue-title").Select(a => a.TextContent).Order(StringComparer.Ordinal));
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={fixture.Server.MainDatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
