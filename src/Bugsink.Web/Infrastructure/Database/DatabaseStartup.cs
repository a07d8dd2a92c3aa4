using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Retention;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Database;

// Creates the data folder, applies migrations and prepares the inbox before anything listens.
public static class DatabaseStartup
{
    public static void Initialize(IServiceProvider services)
    {
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        SqliteConnectionFactory.CapPages(site.InboxDatabasePath, services.GetRequiredService<IOptions<IngestOptions>>().Value.InboxMaxPageCount);
        Directory.CreateDirectory(site.DataDir);
        var engine = services.GetRequiredService<DatabaseEngine>();
        if (!engine.IsPostgres)
        {
            // Settings of the SQLite file itself, which must be in place before its first table.
            SqliteConnectionFactory.CapPages(site.MainDatabasePath, services.GetRequiredService<IOptions<DigestOptions>>().Value.DatabaseMaxPageCount);
            IncrementalAutoVacuum.PrepareEmptyDatabase(site.MainDatabasePath);
        }

        DigestProgress? progress;
        // On PostgreSQL several nodes may start at once: one applies the migrations, the others wait and then
        // find nothing left to do.
        using (MigrationLock.Hold(engine))
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // On an empty PostgreSQL database EF reads the history table before it creates it, and logs that failed
            // query as an error on every first start (the e2e pass on PostgreSQL caught it); made first, there is none.
            db.GetService<IHistoryRepository>().CreateIfNotExists();
            db.Database.Migrate();
            progress = db.DigestProgress.AsNoTracking().SingleOrDefault(p => p.Id == 1);
            // Under the same lock: PostgreSQL's CREATE TABLE IF NOT EXISTS can still collide when two nodes run it at once.
            services.GetRequiredService<IInbox>().EnsureCreated(progress);

            // The data-protection key ring (in the database on PostgreSQL): made here under the lock, so nodes that
            // start together find one key instead of each making its own, which the others would not know of until
            // their key ring refreshes (a day) and whose cookies they would refuse until then. On SQLite it is the
            // key the first request would have made.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("bugsink.startup").Protect([0]);
        }
    }
}
