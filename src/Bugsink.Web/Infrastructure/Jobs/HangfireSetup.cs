using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Digest;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Hangfire;

namespace Bugsink.Web.Infrastructure.Jobs;

// Hangfire runs inside the server process; its storage follows the database engine (DatabaseSetup).
public static class HangfireSetup
{
    public const string DefaultQueue = "default";

    public static IServiceCollection AddJobs(this IServiceCollection services, SiteOptions site, DatabaseEngine engine)
    {
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseJobStorage(engine, site.JobsDatabasePath));

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
            // Timed unmutes are scheduled jobs: the default 15 s poll would end mutes up to 15 s late.
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        // Alert dispatch and sending on their own workers: an SMTP server that is slow or down ties up these
        // and nothing else. Unsent emails wait as scheduled retries, which the default 15 s poll would delay.
        services.AddHangfireServer(options =>
        {
            options.ServerName = Environment.MachineName + ":email";
            options.Queues = [AlertOptions.Queue];
            options.WorkerCount = 2;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    // Administrators only, like /admin/system/: the endpoint policy sends a visitor who is not signed in
    // to the login page and a signed-in non-admin to the access-denied page, as the admin pages do.
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Empty replaces Hangfire's default (local requests only), which would refuse an admin behind a proxy.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(AdminRequirement.Policy);
        return app;
    }
}
