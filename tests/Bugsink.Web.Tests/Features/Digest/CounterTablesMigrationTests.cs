using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Digest;

// Upgrading an installation rebuilds the counter tables (CompactCounterTables): every counter row of
// the old layout must come through, and the way back must work too.
public sealed class CounterTablesMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bugsink-migration-").FullName;

    [Fact]
    public void UpgradeFromThePreviousSchema_KeepsEveryCounterRow_AndDowngradeRestoresIt()
    {
        var path = Path.Combine(_folder, "bugsink.db");
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path};Pooling=false").Options);
        var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
        migrator.Migrate("PageIndexes");
        Execute(path, """
            INSERT INTO IssueTags (IssueId, Key, Value, Count, FirstSeen, LastSeen) VALUES (1, 'browser', 'Chrome 126', 7, 10, 20), (1, 'os', 'Linux', 3, 11, 21), (2, 'browser', 'Firefox', 1, 12, 12);
            INSERT INTO IssueHourlyCounts (IssueId, Hour, Count) VALUES (1, 490000, 5), (1, 490001, 2), (2, 490000, 1);
            """);

        migrator.Migrate();

        Assert.Equal("1:browser:Chrome 126:7:10:20|1:os:Linux:3:11:21|2:browser:Firefox:1:12:12",
            Scalar(path, "SELECT group_concat(IssueId || ':' || Key || ':' || Value || ':' || Count || ':' || FirstSeen || ':' || LastSeen, '|') FROM (SELECT * FROM IssueTags ORDER BY IssueId, Key)"));
        Assert.Equal("1:490000:5|1:490001:2|2:490000:1",
            Scalar(path, "SELECT group_concat(IssueId || ':' || Hour || ':' || Count, '|') FROM (SELECT * FROM IssueHourlyCounts ORDER BY IssueId, Hour)"));
        Assert.Equal("2", Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('IssueTags', 'IssueHourlyCounts') AND sql LIKE '%WITHOUT ROWID%'"));

        migrator.Migrate("PageIndexes");
        Assert.Equal("0", Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('IssueTags', 'IssueHourlyCounts') AND sql LIKE '%WITHOUT ROWID%'"));
        Assert.Equal("3:11", Scalar(path, "SELECT count(*) || ':' || sum(Count) FROM IssueTags"));
        Assert.Equal("3:8", Scalar(path, "SELECT count(*) || ':' || sum(Count) FROM IssueHourlyCounts"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
