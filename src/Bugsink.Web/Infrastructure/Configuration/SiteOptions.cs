namespace Bugsink.Web.Infrastructure.Configuration;

// Where the installation keeps its state and how the outside world reaches it.
public sealed class SiteOptions
{
    public const string Section = "Bugsink";

    // Folder for bugsink.db (main), inbox.db (acknowledged, not yet digested events) and hangfire.db.
    public string DataDir { get; set; } = "data";

    // Used in DSNs and email links; no trailing slash needed. A path (https://host/errors) is allowed.
    public string BaseUrl { get; set; } = "http://127.0.0.1:8000";

    // Comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For/Proto/Host are believed.
    // Empty (the default) believes nobody: a direct client could otherwise claim any address.
    public string TrustedProxies { get; set; } = "";

    public string MainDatabasePath => Path.Combine(DataDir, "bugsink.db");

    public string InboxDatabasePath => Path.Combine(DataDir, "inbox.db");

    public string JobsDatabasePath => Path.Combine(DataDir, "hangfire.db");
}
