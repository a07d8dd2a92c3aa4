namespace Bugsink.Web.Infrastructure.Configuration;

// Where the installation keeps its state and how the outside world reaches it.
public sealed class SiteOptions
{
    public const string Section = "Bugsink";

    // Folder for bugsink.db (main), inbox.db (acknowledged, not yet digested events) and hangfire.db.
    public string DataDir { get; set; } = "data";

    // Used in DSNs and email links; no trailing slash needed. A path (https://host/errors) is allowed.
    public string BaseUrl { get; set; } = "http://127.0.0.1:8000";

    public string MainDatabasePath => Path.Combine(DataDir, "bugsink.db");

    public string InboxDatabasePath => Path.Combine(DataDir, "inbox.db");

    public string JobsDatabasePath => Path.Combine(DataDir, "hangfire.db");
}
