using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Workflow;

// Removes a deleted issue's rows in small batches, each its own short transaction, so the digest (which
// needs SQLite's single write lock for every batch) never waits long behind a large delete. Safe to
// rerun after a crash: every step only removes what is left, and the issue row goes last.
public sealed class DeleteIssueJob(AppDbContext db)
{
    private const int BatchSize = 500;

    [Queue(HangfireSetup.DefaultQueue)]
    public async Task RunAsync(long issueId, CancellationToken cancellationToken)
    {
        var issue = await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is not { IsDeleted: true })
        {
            return;
        }

        var projectId = issue.ProjectId;
        // Attachments hang off events by event id; they go with their events, batch by batch.
        await RepeatUntilNothingLeftAsync(async () =>
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM EventAttachments WHERE ProjectId = {projectId} AND EventId IN
                    (SELECT EventId FROM Events WHERE IssueId = {issueId} ORDER BY Timestamp, Id LIMIT {BatchSize})
                """, cancellationToken)
            + await db.Database.ExecuteSqlAsync($"""
                DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE IssueId = {issueId} ORDER BY Timestamp, Id LIMIT {BatchSize})
                """, cancellationToken), cancellationToken);
        await RepeatUntilNothingLeftAsync(async () => await db.Database.ExecuteSqlAsync($"""
            DELETE FROM IssueTags WHERE (IssueId, Key, Value) IN (SELECT IssueId, Key, Value FROM IssueTags WHERE IssueId = {issueId} LIMIT {BatchSize})
            """, cancellationToken), cancellationToken);
        await RepeatUntilNothingLeftAsync(async () => await db.Database.ExecuteSqlAsync($"""
            DELETE FROM IssueHourlyCounts WHERE (IssueId, Hour) IN (SELECT IssueId, Hour FROM IssueHourlyCounts WHERE IssueId = {issueId} LIMIT {BatchSize})
            """, cancellationToken), cancellationToken);

        await InTransactionAsync(async () =>
            await db.IssueHistory.Where(h => h.IssueId == issueId).ExecuteDeleteAsync(cancellationToken)
            + await db.AlertRequests.Where(a => a.IssueId == issueId).ExecuteDeleteAsync(cancellationToken)
            + await db.Issues.Where(i => i.Id == issueId && i.IsDeleted).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    private async Task RepeatUntilNothingLeftAsync(Func<Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        while (await InTransactionAsync(deleteBatch, cancellationToken) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<int> InTransactionAsync(Func<Task<int>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await work();
        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
