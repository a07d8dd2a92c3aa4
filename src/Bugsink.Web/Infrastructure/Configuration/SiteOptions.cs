using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Infrastructure.Web;

namespace Bugsink.Web.Infrastructure.Configuration;

// Where the installation keeps its state and how the outside world reaches it.
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Bugsink";

    // Folder for bugsink.db (main), inbox.db (acknowledged, not yet digested events) and hangfire.db.
    public string DataDir { get; set; } = "data";

    // Used in DSNs and email links; no trailing slash needed. A path (https://host/errors) is allowed.
    public string BaseUrl { get; set; } = "http://127.0.0.1:8000";

    // Comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For/Proto/Host are believed.
    // Empty (the default) believes nobody: a direct client could otherwise claim any address.
    public string TrustedProxies { get; set; } = "";

    public const string MainDatabaseFile = "bugsink.db";
    public const string InboxDatabaseFile = "inbox.db";
    public const string JobsDatabaseFile = "hangfire.db";

    public string MainDatabasePath => Path.Combine(DataDir, MainDatabaseFile);

    public string InboxDatabasePath => Path.Combine(DataDir, InboxDatabaseFile);

    public string JobsDatabasePath => Path.Combine(DataDir, JobsDatabaseFile);

    // The data folder the configuration names, as an absolute path (relative ones are taken from the
    // working directory): the same answer for the server, every command, backup and restore.
    public static string ResolveDataDir(IConfiguration configuration)
    {
        var site = new SiteOptions();
        configuration.GetSection(Section).Bind(site);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(site.DataDir));
    }

    // Checked with every other setting before start-up (SettingsCheck), so a typo is one line, not a stack trace.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        new[] { Problem(() => ReverseProxySetup.BasePath(BaseUrl)), Problem(() => Web.TrustedProxies.ToForwardedHeadersOptions(TrustedProxies)) }
            .OfType<string>()
            .Select(problem => new ValidationResult(problem));

    private static string? Problem(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (InvalidOperationException invalid)
        {
            return invalid.Message;
        }
    }
}
