using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Merge;

// Moves a merged issue's rows to its survivor in batches, each its own short transaction, so that the
// digest (which needs the single write lock for every batch) never waits long. Tags and hourly counts
// go first (small, and what the survivor's page charts), then history, then events. Each batch both
// adds to the survivor and removes from the merged issue in one transaction, so a crash and Hangfire's
// retry neither lose nor double anything. The stored-event count moves with each batch of events,
// which keeps retention's per-issue accounting right while the move runs.
public sealed class MoveMergedIssueJob(AppDbContext db, IBackgroundJobClient jobs)
{
    public const int BatchSize = 1000;

    [Queue(HangfireSetup.DefaultQueue)]
    public async Task RunAsync(long mergedIssueId, long survivorIssueId, CancellationToken cancellationToken)
    {
        var steps = new Func<long, long, CancellationToken, Task<int>>[] { MoveTagsAsync, MoveHoursAsync, MoveHistoryAsync, MoveEventsAsync };
        foreach (var step in steps)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (!await db.Issues.AnyAsync(i => i.Id == survivorIssueId && !i.IsDeleted, cancellationToken))
                {
                    // The survivor was deleted (or merged again) meanwhile: what is left is removed
                    // as a deleted issue's rows are, or follows the survivor's own survivor.
                    await transaction.RollbackAsync(cancellationToken);
                    await HandOnAsync(mergedIssueId, cancellationToken);
                    return;
                }

                var moved = await step(mergedIssueId, survivorIssueId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (moved == 0)
                {
                    break;
                }
            }
        }
    }

    private async Task HandOnAsync(long mergedIssueId, CancellationToken cancellationToken)
    {
        var next = await db.IssueMerges.Where(m => m.MergedIssueId == mergedIssueId).Select(m => (long?)m.SurvivorIssueId).FirstOrDefaultAsync(cancellationToken);
        if (next is { } survivor && await db.Issues.AnyAsync(i => i.Id == survivor && !i.IsDeleted, cancellationToken))
        {
            jobs.Enqueue<MoveMergedIssueJob>(job => job.RunAsync(mergedIssueId, survivor, CancellationToken.None));
        }
        else
        {
            jobs.Enqueue<DeleteIssueJob>(job => job.RunAsync(mergedIssueId, CancellationToken.None));
        }
    }

    private async Task<int> MoveTagsAsync(long from, long to, CancellationToken ct)
    {
        // SQLite needs the WHERE in an INSERT … SELECT … ON CONFLICT; the same ORDER BY and LIMIT pick
        // the same rows for the delete inside this transaction.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO IssueTags (IssueId, Key, Value, Count, FirstSeen, LastSeen)
            SELECT {to}, Key, Value, Count, FirstSeen, LastSeen FROM IssueTags WHERE IssueId = {from} ORDER BY Key, Value LIMIT {BatchSize}
            ON CONFLICT (IssueId, Key, Value) DO UPDATE SET Count = Count + excluded.Count,
                FirstSeen = min(FirstSeen, excluded.FirstSeen), LastSeen = max(LastSeen, excluded.LastSeen)
            """, ct);
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM IssueTags WHERE (IssueId, Key, Value) IN
                (SELECT IssueId, Key, Value FROM IssueTags WHERE IssueId = {from} ORDER BY Key, Value LIMIT {BatchSize})
            """, ct);
    }

    private async Task<int> MoveHoursAsync(long from, long to, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO IssueHourlyCounts (IssueId, Hour, Count)
            SELECT {to}, Hour, Count FROM IssueHourlyCounts WHERE IssueId = {from} ORDER BY Hour LIMIT {BatchSize}
            ON CONFLICT (IssueId, Hour) DO UPDATE SET Count = Count + excluded.Count
            """, ct);
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM IssueHourlyCounts WHERE (IssueId, Hour) IN
                (SELECT IssueId, Hour FROM IssueHourlyCounts WHERE IssueId = {from} ORDER BY Hour LIMIT {BatchSize})
            """, ct);
    }

    private async Task<int> MoveHistoryAsync(long from, long to, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE IssueHistory SET IssueId = {to} WHERE Id IN (SELECT Id FROM IssueHistory WHERE IssueId = {from} LIMIT {BatchSize})
            """, ct);

    private async Task<int> MoveEventsAsync(long from, long to, CancellationToken ct)
    {
        var moved = await db.Database.ExecuteSqlAsync($"""
            UPDATE Events SET IssueId = {to} WHERE Id IN (SELECT Id FROM Events WHERE IssueId = {from} ORDER BY Timestamp, Id LIMIT {BatchSize})
            """, ct);
        if (moved > 0)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE Issues SET StoredEventCount = StoredEventCount + {moved} WHERE Id = {to}", ct);
            await db.Database.ExecuteSqlAsync($"UPDATE Issues SET StoredEventCount = max(0, StoredEventCount - {moved}) WHERE Id = {from}", ct);
        }

        return moved;
    }
}
