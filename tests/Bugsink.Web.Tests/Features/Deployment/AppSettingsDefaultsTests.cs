using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Health;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Retention;
using Bugsink.Web.Features.SelfMonitoring;
using Bugsink.Web.Features.SentryApi;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.Extensions.Configuration;

namespace Bugsink.Web.Tests.Features.Deployment;

// appsettings.json is where an operator looks for what can be set: it must list every option under its
// exact name with the default the code has, so that editing a value there changes what it says, and a
// misspelt key (which configuration binding ignores without a word) cannot hide in it.
public sealed partial class AppSettingsDefaultsTests
{
    private static readonly (Type Options, string Section)[] Sections =
    [
        (typeof(SiteOptions), SiteOptions.Section),
        (typeof(Bugsink.Web.Infrastructure.Database.Engines.DatabaseOptions), Bugsink.Web.Infrastructure.Database.Engines.DatabaseOptions.Section),
        (typeof(AccountsOptions), AccountsOptions.Section),
        (typeof(SmtpOptions), SmtpOptions.Section),
        (typeof(AlertOptions), AlertOptions.Section),
        (typeof(Bugsink.Web.Features.Outbound.OutboundOptions), Bugsink.Web.Features.Outbound.OutboundOptions.Section),
        (typeof(IngestOptions), IngestOptions.Section),
        (typeof(DigestOptions), DigestOptions.Section),
        (typeof(QuotaOptions), QuotaOptions.Section),
        (typeof(RetentionOptions), RetentionOptions.Section),
        (typeof(SelfMonitoringOptions), SelfMonitoringOptions.Section),
        (typeof(SentryApiOptions), SentryApiOptions.Section),
        (typeof(SourceMapOptions), SourceMapOptions.Section),
        (typeof(MetricsOptions), MetricsOptions.Section),
        (typeof(HttpsOptions), HttpsOptions.Section),
        (typeof(Bugsink.Web.Features.Accounts.ExternalLogin.OidcOptions), Bugsink.Web.Features.Accounts.ExternalLogin.OidcOptions.Section),
        (typeof(Bugsink.Web.Features.Accounts.ExternalLogin.TrustedHeaderOptions), Bugsink.Web.Features.Accounts.ExternalLogin.TrustedHeaderOptions.Section),
    ];

    // Bound from Bugsink:Admin (BUGSINK_ADMIN), not from its section, and a password belongs in the
    // environment rather than in a file beside the binary.
    private static readonly string[] NotInTheFile = [$"{AccountsOptions.Section}:{nameof(AccountsOptions.Admin)}"];

    private static readonly IConfiguration File = new ConfigurationBuilder()
        .AddJsonFile(RepositoryFiles.Path("src/Bugsink.Web/appsettings.json"), optional: false, reloadOnChange: false)
        .Build();

    // Every key of the file, spelt as in the file (a key whose value is null counts: "no limit" is a
    // default too). Compared exactly, so a key that differs from its option only in case shows up as well.
    private static readonly HashSet<string> Keys = File.AsEnumerable().Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> SectionNames => [.. Sections.Select(s => s.Section)];

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void EveryOption_IsInTheFile_WithTheCodesDefault(string section)
    {
        var type = Sections.Single(s => s.Section == section).Options;
        var fromFile = Activator.CreateInstance(type)!;
        File.GetSection(section).Bind(fromFile, binder => binder.ErrorOnUnknownConfiguration = false);
        var defaults = Activator.CreateInstance(type)!;
        foreach (var property in Settable(type))
        {
            var key = $"{section}:{property.Name}";
            if (NotInTheFile.Contains(key))
            {
                Assert.DoesNotContain(key, Keys);
                continue;
            }

            Assert.True(Keys.Contains(key), $"appsettings.json lacks {key}.");
            Assert.True(Equals(property.GetValue(defaults), property.GetValue(fromFile)),
                $"{key} is '{property.GetValue(fromFile)}' in appsettings.json but '{property.GetValue(defaults)}' in {type.Name}.");
        }
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void EveryKeyInTheFile_IsAnOption(string section)
    {
        var type = Sections.Single(s => s.Section == section).Options;
        var names = Settable(type).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var child in File.GetSection(section).GetChildren())
        {
            var isSubsection = Sections.Any(s => s.Section == child.Path);
            Assert.True(isSubsection || names.Contains(child.Key), $"appsettings.json has {child.Path}, which no option of {type.Name} is called.");
        }
    }

    [Fact]
    public void TheFileHasNoSectionWithoutOptions()
    {
        foreach (var child in File.GetSection(SiteOptions.Section).GetChildren().Where(c => c.GetChildren().Any()))
        {
            Assert.Contains(child.Path, Sections.Select(s => s.Section));
        }
    }

    [Fact]
    public void FlatVariables_MapOntoKeysOfTheFile()
    {
        var all = new Hashtable();
        foreach (var variable in FlatEnvironmentVariables.VariableNames)
        {
            all[variable] = "set";
        }

        var keys = FlatEnvironmentVariables.Translate(all).Keys.ToList();
        Assert.Equal(FlatEnvironmentVariables.VariableNames.Count(), keys.Count);
        foreach (var key in keys.Where(k => k != AccountsOptions.AdminKey))
        {
            Assert.True(Keys.Contains(key), $"{key} (a flat variable's key) is not in appsettings.json.");
        }
    }

    [Fact]
    public void EveryKeyTheReadmeNames_IsInTheFile()
    {
        var readme = RepositoryFiles.Read("README.md");
        var named = ReadmeKey().Matches(readme).Select(m => m.Value.Replace("__", ":", StringComparison.Ordinal)).Distinct().ToList();
        // "Bugsink__Section__Key" is how the README explains the naming, not a setting.
        named.Remove("Bugsink:Section:Key");
        Assert.NotEmpty(named);
        foreach (var key in named)
        {
            Assert.True(Keys.Contains(key), $"README.md names {key}, which appsettings.json does not have.");
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetSetMethod() is not null);

    [GeneratedRegex(@"Bugsink__[A-Za-z]+(__[A-Za-z]+)+")]
    private static partial Regex ReadmeKey();
}
