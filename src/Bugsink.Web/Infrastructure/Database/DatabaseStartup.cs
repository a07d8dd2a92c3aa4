using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Retention;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Database;

// Creates the data folder, applies migrations and prepares the inbox before anything listens.
public static class DatabaseStartup
{
    public static void Initialize(IServiceProvider services)
    {
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        SqliteConnectionFactory.CapPages(site.InboxDatabasePath, services.GetRequiredService<IOptions<IngestOptions>>().Value.InboxMaxPageCount);
        SqliteConnectionFactory.CapPages(site.MainDatabasePath, services.GetRequiredService<IOptions<DigestOptions>>().Value.DatabaseMaxPageCount);
        Directory.CreateDirectory(site.DataDir);
        IncrementalAutoVacuum.PrepareEmptyDatabase(site.MainDatabasePath);
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
        }

        var inbox = services.GetRequiredService<InboxDatabase>();
        inbox.EnsureCreated();
        using var main = SqliteConnectionFactory.Open(site.MainDatabasePath);
        inbox.ContinueNumberingAfter(main);
    }
}
