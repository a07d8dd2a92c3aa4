using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Tests.Features.Accounts;
using Microsoft.Extensions.Configuration;

namespace Bugsink.Web.Tests.Features.Settings;

// Issue 19, item 8: a bad value of any setting stops the start with one line naming the setting, the
// value and what is allowed. Before, `Bugsink__Quotas__ProjectPerMinute=ten` gave a server that said
// healthy while every event got an empty 500.
public sealed class SettingsCheckTests
{
    [Theory]
    [InlineData("Bugsink:Quotas:ProjectPerMinute", "ten", "Bugsink:Quotas:ProjectPerMinute is 'ten'; it must be a whole number.")]
    [InlineData("Bugsink:Quotas:InstallationPerHour", "1e6", "it must be a whole number")]
    [InlineData("Bugsink:Ingest:MaxEventBytes", "-5", "Bugsink:Ingest:MaxEventBytes is '-5'; it must be a whole number, at least 1024.")]
    [InlineData("Bugsink:Ingest:MaxEnvelopeBytes", "99999999999999999999", "it must be a whole number, at least 1024")]
    [InlineData("Bugsink:Digest:Paused", "maybe", "Bugsink:Digest:Paused is 'maybe'; it must be true or false.")]
    [InlineData("Bugsink:Digest:BatchSize", "0", "it must be a whole number from 1 to 1000000")]
    [InlineData("Bugsink:Accounts:Registration", "everyone", "it must be one of Nobody, InvitedOnly, Anybody")]
    [InlineData("Bugsink:Accounts:InvitationDays", "0", "it must be a whole number from 1 to 365")]
    [InlineData("Bugsink:Retention:HeadroomPercent", "95", "it must be a whole number from 0 to 90")]
    [InlineData("Bugsink:Smtp:Port", "abc", "BUGSINK_SMTP_PORT (Bugsink:Smtp:Port) is 'abc'; it must be a whole number from 1 to 65535.")]
    [InlineData("Bugsink:Smtp:Security", "tls", "it must be none, starttls")]
    [InlineData("Bugsink:SelfMonitoring:TracesSampleRate", "2", "it must be a number from 0 to 1")]
    [InlineData("Bugsink:Retention:OrphanAttachmentMinutes", "-1", "it must be a number from 0.01 to 525600")]
    [InlineData("Bugsink:Quotas:AttachmentBytesPerMinute", "1GB", "it must be a whole number")]
    [InlineData("Bugsink:Https:HstsMaxAgeDays", "forever", "it must be a whole number from 0 to 3650")]
    [InlineData("Bugsink:BaseUrl", "errors.example.com", "is not an absolute http(s) URL")]
    [InlineData("Bugsink:TrustedProxies", "10.0.0.0/99", "neither an IP address nor a CIDR range")]
    [InlineData("Bugsink:Alerts:RetryMaxDelaySeconds", "5", "must not be smaller than Bugsink:Alerts:RetryFirstDelaySeconds")]
    public void BadValue_IsOneProblemNamingTheSettingTheValueAndWhatIsAllowed(string key, string value, string expected)
    {
        var problem = Assert.Single(SettingsCheck.Problems(Configuration((key, value))));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Theory]
    [InlineData("Bugsink:Quotas:ProjectPerMinute", "")]
    [InlineData("Bugsink:Quotas:ProjectPerMinute", "0")]
    [InlineData("Bugsink:Digest:Paused", "True")]
    [InlineData("Bugsink:Accounts:Registration", "anybody")]
    [InlineData("Bugsink:Smtp:Port", "2525")]
    [InlineData("Bugsink:SelfMonitoring:TracesSampleRate", "0.25")]
    [InlineData("Bugsink:BaseUrl", "https://errors.example.com/bugsink")]
    public void GoodValue_IsNoProblem(string key, string value) =>
        Assert.Empty(SettingsCheck.Problems(Configuration((key, value))));

    [Fact]
    public void Defaults_AreNoProblem() => Assert.Empty(SettingsCheck.Problems(Configuration()));

    [Fact]
    public void SeveralBadValues_AreEachReported() =>
        Assert.Equal(2, SettingsCheck.Problems(Configuration(("Bugsink:Quotas:ProjectPerHour", "x"), ("Bugsink:Ingest:MaxBacklog", "y"))).Count);

    // The case from the issue, as an operator meets it: the variable in the environment of a real start.
    [Fact]
    public async Task NonNumericQuotaInTheEnvironment_StopsTheStartWithOneLine()
    {
        var dataDir = Directory.CreateTempSubdirectory("bugsink-settings-").FullName;
        var result = await BugsinkCli.RunWithAsync(
            dataDir,
            new Dictionary<string, string> { ["Bugsink__Quotas__ProjectPerMinute"] = "ten" },
            $"--Bugsink:DataDir={dataDir}",
            "--urls=http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "bugsink: Bugsink:Quotas:ProjectPerMinute is 'ten'; it must be a whole number.",
            result.Errors.Trim());
        Assert.False(File.Exists(Path.Combine(dataDir, "bugsink.db")), "nothing was started");
    }

    [Fact]
    public async Task MalformedSentryDsn_StopsTheStartWithOneLine()
    {
        var dataDir = Directory.CreateTempSubdirectory("bugsink-settings-").FullName;
        var result = await BugsinkCli.RunWithAsync(
            dataDir,
            new Dictionary<string, string> { ["SENTRY_DSN"] = "not a dsn" },
            $"--Bugsink:DataDir={dataDir}",
            "--urls=http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("bugsink: SENTRY_DSN (or Bugsink:SelfMonitoring:Dsn) is not a Sentry DSN", result.Errors.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
