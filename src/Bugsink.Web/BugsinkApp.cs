using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web;

// Builds the whole application; Program (serve and the CLI commands) and the tests all start here.
public static class BugsinkApp
{
    public const string DefaultUrl = "http://127.0.0.1:8000";

    public static WebApplication Build(string[] args)
    {
        // appsettings.json sits beside the binary; the data folder stays relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddFlatBugsinkVariables();
        // Flat variables must not override explicit command-line settings (tests pass --Bugsink:DataDir=…).
        builder.Configuration.AddCommandLine(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var site = new SiteOptions();
        builder.Configuration.GetSection(SiteOptions.Section).Bind(site);
        site.DataDir = Path.GetFullPath(site.DataDir);
        // Hangfire opens its storage file as soon as the first job client is resolved.
        Directory.CreateDirectory(site.DataDir);
        builder.Services.Configure<SiteOptions>(options =>
        {
            builder.Configuration.GetSection(SiteOptions.Section).Bind(options);
            options.DataDir = site.DataDir;
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<AppDbContext>(options => options
            .UseSqlite(SqliteConnectionFactory.ConnectionString(site.MainDatabasePath))
            .AddInterceptors(new SqlitePragmaInterceptor()));
        builder.Services.AddIngest(builder.Configuration);
        builder.Services.AddDigest(builder.Configuration);
        builder.Services.AddJobs(site);
        builder.Services.AddPages();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var app = builder.Build();
        app.UseIngest();
        app.MapPages();
        app.MapJobsDashboard();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        return app;
    }
}
