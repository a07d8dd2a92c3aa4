using Bugsink.Web.Features.Digest;
using Bugsink.Web.Infrastructure.Configuration;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage.SQLite;

namespace Bugsink.Web.Infrastructure.Jobs;

// Hangfire runs inside the server process with its storage in its own SQLite file (hangfire.db), apart
// from the main database so job bookkeeping never contends with the digest's writes.
public static class HangfireSetup
{
    public const string DefaultQueue = "default";

    public static IServiceCollection AddJobs(this IServiceCollection services, SiteOptions site)
    {
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSQLiteStorage(site.JobsDatabasePath, new SQLiteStorageOptions
            {
                // The default 15 s poll would add up to 15 s before a digest starts.
                QueuePollInterval = TimeSpan.FromMilliseconds(200),
            }));

        // Exactly one digest worker: SQLite has one writer, and batches must not interleave.
        services.AddHangfireServer(options =>
        {
            options.ServerName = Environment.MachineName + ":digest";
            options.Queues = [DigestOptions.Queue];
            options.WorkerCount = 1;
        });
        services.AddHangfireServer(options =>
        {
            options.ServerName = Environment.MachineName + ":default";
            options.Queues = [DefaultQueue];
            options.WorkerCount = 2;
        });
        return services;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        // Local requests only until accounts exist (then: admins only).
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new LocalRequestsOnlyAuthorizationFilter()],
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
