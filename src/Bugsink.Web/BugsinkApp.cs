using Bugsink.Web.Cli;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Admin;
using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Api;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Health;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Outbound;
using Bugsink.Web.Features.Issues.Merge;
using Bugsink.Web.Features.Issues.Pages.TextSearch;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.Retention;
using Bugsink.Web.Features.SelfMonitoring;
using Bugsink.Web.Features.SentryApi;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Features.SourceMaps.Symbolication;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Bugsink.Web.Infrastructure.Jobs;
using Bugsink.Web.Infrastructure.Web;

namespace Bugsink.Web;

// Builds the whole application; Program (serve and the CLI commands) and the tests all start here.
public static class BugsinkApp
{
    public const string DefaultUrl = "http://127.0.0.1:8000";

    // The configuration every command reads, in order of precedence from low to high: appsettings.json of
    // the build, settings files beside the binary and at BUGSINK_CONFIG (SettingsFiles), environment
    // variables (Bugsink__…, then the flat BUGSINK_* names), the command line.
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // appsettings.json sits beside the binary; the data folder stays relative to the working directory.
        // ApplicationName: Razor Pages are found in the application's assembly, which is not the entry
        // assembly when the tests host the app.
        // No reload-on-change for appsettings.json: a file watcher per app costs an inotify instance,
        // and the tests start hundreds of apps (the limit is 128 per user); nobody edits it live.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(BugsinkApp).Assembly.GetName().Name,
        });
        SettingsFiles.AddOperatorFiles(builder.Configuration, Environment.ProcessPath, AppContext.BaseDirectory);
        builder.Configuration.AddFlatBugsinkVariables();
        // Flat variables must not override explicit command-line settings (tests pass --Bugsink:DataDir=…).
        builder.Configuration.AddCommandLine(args);
        return builder;
    }

    // replaceServices: for tests, applied after every registration (a fake clock, for one).
    // requireExistingData: for the CLI's commands other than serve, which must work on an installation
    // that exists, never quietly on a new empty one in whatever folder they were started from.
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replaceServices = null, bool requireExistingData = false)
    {
        var builder = CreateBuilder(args);
        SettingsCheck.ThrowIfInvalid(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var site = new SiteOptions();
        builder.Configuration.GetSection(SiteOptions.Section).Bind(site);
        site.DataDir = SiteOptions.ResolveDataDir(builder.Configuration);
        var engine = DatabaseEngine.From(builder.Configuration);
        if (requireExistingData && !engine.IsPostgres && !File.Exists(site.MainDatabasePath))
        {
            throw new CliFailureException(
                $"No Bugsink installation in {site.DataDir} (there is no bugsink.db). Run the command where the server keeps its data: " +
                "set BUGSINK_DATA_DIR or pass --Bugsink:DataDir=PATH (the server prints its data folder when it starts).");
        }

        // Hangfire opens its storage file as soon as the first job client is resolved.
        // Private to the server's user (0700) when new: it holds every event, the sessions' keys and the
        // password hashes, and SQLite creates its files 0644 inside it. An existing folder keeps its mode.
        PrivateFiles.CreateFolder(site.DataDir);
        builder.Services.Configure<SiteOptions>(options =>
        {
            builder.Configuration.GetSection(SiteOptions.Section).Bind(options);
            options.DataDir = site.DataDir;
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDatabase(engine, site.MainDatabasePath);
        builder.Services.AddIngest(builder.Configuration);
        builder.Services.AddIngestQuotas(builder.Configuration);
        builder.Services.AddDigest(builder.Configuration);
        builder.Services.AddPayloadDictionaries();
        builder.Services.AddRetention(builder.Configuration);
        builder.Services.AddAdmin();
        builder.Services.AddIssueWorkflow();
        builder.Services.AddIssueMerge();
        builder.Services.AddJobs(site, engine);
        builder.Services.AddPages();
        builder.Services.AddIssueTextSearch();
        builder.Services.AddHealth(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration, site, engine);
        builder.Services.AddProjects();
        builder.Services.AddApi();
        builder.Services.AddSentryApi(builder.Configuration);
        builder.Services.AddSourceMapBundles(builder.Configuration);
        builder.Services.AddSymbolication();
        // After the modules that may register the do-nothing IAlertDispatcher: this one replaces it.
        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddOutbound(builder.Configuration);
        builder.Services.AddAlertChannels();
        builder.AddSelfMonitoring();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        // First: ingest and everything after it must see the client's address and the path without the base path.
        app.UseReverseProxySupport();
        app.UseIngest();
        app.MapPages();
        app.MapApi();
        app.MapSentryApi();
        app.MapJobsDashboard();
        app.MapHealth();
        return app;
    }
}
