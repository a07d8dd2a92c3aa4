using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Retention;

// Gives the space of evicted events back to the file system, a little at a time. Only bugsink.db:
// ingest acknowledges into inbox.db, so even a long step here never delays a 200, and each step is
// kept short anyway so the digest's next batch is not held up. Space stays in SQLite's free list up
// to VacuumKeepFreePages because new events reuse free pages without growing the file.
public sealed partial class VacuumDatabaseJob(IOptions<SiteOptions> site, IOptions<RetentionOptions> options, TimeProvider time, ILogger<VacuumDatabaseJob> logger)
{
    private static readonly TimeSpan PauseBetweenSteps = TimeSpan.FromMilliseconds(50);

    [Queue(HangfireSetup.DefaultQueue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        if (IncrementalAutoVacuum.ReadMode(connection) != IncrementalAutoVacuum.IncrementalMode)
        {
            SwitchToIncremental(connection);
            return;
        }

        var settings = options.Value;
        var started = time.GetTimestamp();
        long returned = 0;
        while (!cancellationToken.IsCancellationRequested && time.GetElapsedTime(started) < TimeSpan.FromSeconds(settings.VacuumSecondsPerRun))
        {
            var excess = Pragma(connection, "freelist_count") - settings.VacuumKeepFreePages;
            if (excess <= 0)
            {
                break;
            }

            var step = Math.Min(excess, settings.VacuumStepPages);
            Execute(connection, $"PRAGMA incremental_vacuum({step})");
            returned += step;
            await Task.Delay(PauseBetweenSteps, cancellationToken);
        }

        if (returned > 0)
        {
            var kiB = Pragma(connection, "page_size") * returned / 1024;
            LogReturned(returned, kiB);
        }
    }

    // auto_vacuum only takes effect on a database created after it is set, or after one full VACUUM.
    // New installations are made incremental at start-up (IncrementalAutoVacuum); one created before
    // that is converted by the first run, once: the digest waits meanwhile (ingest does not: it writes inbox.db).
    private void SwitchToIncremental(SqliteConnection connection)
    {
        var started = time.GetTimestamp();
        // VACUUM copies the database through temp storage: a file, not memory as our other connections use.
        Execute(connection, "PRAGMA temp_store = FILE; PRAGMA auto_vacuum = INCREMENTAL; VACUUM; PRAGMA temp_store = MEMORY;");
        var mode = IncrementalAutoVacuum.ReadMode(connection);
        var milliseconds = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogSwitched(mode, milliseconds);
    }

    public static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Returned {Pages} free pages ({KiB} KiB) of bugsink.db to the file system")]
    private partial void LogReturned(long pages, long kiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Switched bugsink.db to incremental auto-vacuum (mode {Mode}) in {Milliseconds} ms")]
    private partial void LogSwitched(long mode, long milliseconds);
}
