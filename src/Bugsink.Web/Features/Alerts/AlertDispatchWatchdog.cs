using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Alerts;

// Pending alerts need a dispatch even when no digest nudges: at start-up (left by a crash or a failed
// enqueue) and when alerts held for coalescing fall due. Ticks on the injected clock, so tests that
// advance a fake clock see held digests go out.
public sealed partial class AlertDispatchWatchdog(
    IServiceScopeFactory scopes, AlertDispatchScheduler scheduler, TimeProvider time, ILogger<AlertDispatchWatchdog> logger) : BackgroundService
{
    // Digests go out at most this late after their window ends.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                if (IsWorthAsking() && await HasPendingAsync(stoppingToken))
                {
                    scheduler.RequestDispatch();
                }
            }
            catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
            {
                LogCheckFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Only held alerts remain after a dispatch; asking again before they fall due would find nothing to do.
    private bool IsWorthAsking() =>
        !scheduler.IsPending && scheduler.RunLock.CurrentCount > 0 && (scheduler.NextDueAt is not { } due || due <= time.GetUtcNow());

    private async Task<bool> HasPendingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AlertRequests.AnyAsync(a => a.Status == AlertStatus.Pending, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for pending alerts")]
    private partial void LogCheckFailed(Exception exception);
}
