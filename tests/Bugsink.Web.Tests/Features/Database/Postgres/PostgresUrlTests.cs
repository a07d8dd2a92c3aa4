using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Bugsink.Web.Tests.Features.Database.Postgres;

// Issue 21, item 1: how the engine is chosen. BUGSINK_DATABASE_URL is what managed databases hand out; the
// keyword form is Npgsql's own. Unset means SQLite, as before.
public sealed class PostgresUrlTests
{
    [Fact]
    public void Url_BecomesNpgsqlsKeywords_WithUserAndPasswordDecoded()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(
            "postgresql://bug%40sink:p%40ss%3Aw%2Ford@db.example.net:6543/errors?sslmode=require&Timeout=9"));
        Assert.Equal("db.example.net", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("errors", builder.Database);
        Assert.Equal("bug@sink", builder.Username);
        Assert.Equal("p@ss:w/ord", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(9, builder.Timeout);
    }

    [Fact]
    public void Url_WithoutPort_UsesPostgresDefault()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgres://u@127.0.0.1/db"));
        Assert.Equal(5432, builder.Port);
        Assert.Equal("u", builder.Username);
        Assert.Null(builder.Password);
    }

    [Theory]
    [InlineData("mysql://u:p@host/db")]
    [InlineData("postgresql://u:p@host")]
    [InlineData("postgresql://u:p@host/")]
    [InlineData("not a url")]
    public void UnusableUrl_IsRefusedWithTheExpectedForm(string url)
    {
        var refused = Assert.Throws<FormatException>(() => PostgresUrl.ToConnectionString(url));
        Assert.Contains("postgresql://user:password@host:5432/database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParameter_IsNamed_ButThePasswordIsNot()
    {
        var refused = Assert.Throws<FormatException>(() => PostgresUrl.ToConnectionString("postgresql://u:s3cret@host/db?colour=blue"));
        Assert.Contains("'colour'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingSet_MeansSqlite()
    {
        Assert.Equal(DatabaseEngine.Sqlite, DatabaseEngine.From(Settings()));
    }

    [Fact]
    public void FlatVariable_ChoosesPostgres()
    {
        var mapped = FlatEnvironmentVariables.Translate(new System.Collections.Hashtable { ["BUGSINK_DATABASE_URL"] = "postgresql://u:p@h/d" });
        var engine = DatabaseEngine.From(Settings(mapped.Select(pair => (pair.Key, pair.Value!)).ToArray()));
        Assert.True(engine.IsPostgres);
        Assert.Equal("h", new NpgsqlConnectionStringBuilder(engine.ConnectionString).Host);
    }

    [Fact]
    public void KeywordForm_ChoosesPostgres()
    {
        var engine = DatabaseEngine.From(Settings(("Bugsink:Database:Provider", "Postgres"), ("Bugsink:Database:ConnectionString", "Host=h;Database=d;Username=u")));
        Assert.True(engine.IsPostgres);
        Assert.Equal("d", new NpgsqlConnectionStringBuilder(engine.ConnectionString).Database);
    }

    // Until ingest and the digest run on PostgreSQL the server says so at start rather than half-working.
    [Fact]
    public void Postgres_WithoutExperimental_StopsTheStartWithOneLine()
    {
        var problems = SettingsCheck.Problems(Settings(("Bugsink:Database:Url", "postgresql://u:p@h/d")));
        Assert.Contains(problems, p => p.Contains("Experimental=true", StringComparison.Ordinal));
        Assert.Empty(SettingsCheck.Problems(Settings(("Bugsink:Database:Url", "postgresql://u:p@h/d"), ("Bugsink:Database:Experimental", "true"))));
    }

    [Fact]
    public void Postgres_WithoutConnectionString_StopsTheStart()
    {
        var problems = SettingsCheck.Problems(Settings(("Bugsink:Database:Provider", "Postgres"), ("Bugsink:Database:Experimental", "true")));
        Assert.Contains(problems, p => p.Contains("ConnectionString is empty", StringComparison.Ordinal));
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
