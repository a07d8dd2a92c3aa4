using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

// Removes a deleted project's data after ProjectRemover has marked it. Each issue goes the way a
// deleted issue goes (IssueActions.DeleteAsync: groupings and the digest's cache at once, then its rows
// in small batches), then the project's own rows, the project row last, which also lets its team be
// deleted. Events acknowledged before the delete may still wait in the inbox: the job then comes back
// later, so the digest never files them under a project that is gone. Safe to rerun after a crash.
public sealed class DeleteProjectJob(AppDbContext db, IssueActions actions, DeleteIssueJob issueRows, InboxDatabase inbox, IBackgroundJobClient jobs)
{
    public static readonly TimeSpan InboxRetryDelay = TimeSpan.FromMinutes(1);

    [Queue(HangfireSetup.DefaultQueue)]
    public async Task RunAsync(long projectId, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.DeletedAt != null, cancellationToken))
        {
            return;
        }

        if (HasInboxEvents(projectId))
        {
            jobs.Schedule<DeleteProjectJob>(job => job.RunAsync(projectId, CancellationToken.None), InboxRetryDelay);
            return;
        }

        var issueIds = await db.Issues.Where(i => i.ProjectId == projectId).Select(i => new { i.Id, i.IsDeleted }).ToListAsync(cancellationToken);
        foreach (var issue in issueIds)
        {
            if (!issue.IsDeleted)
            {
                await actions.DeleteAsync(issue.Id, Actor.System, cancellationToken);
            }

            await issueRows.RunAsync(issue.Id, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.EventAttachments.Where(a => a.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.Groupings.Where(g => g.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.IssueMerges.Where(m => m.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.ProjectHourlyCounts.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.AlertRequests.Where(a => a.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AlertChannels.ChannelDelivery>().Where(d => db.Set<AlertChannels.AlertChannel>().Any(c => c.Id == d.ChannelId && c.ProjectId == projectId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AlertChannels.AlertChannel>().Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AlertChannels.VolumeAlertRule>().Where(r => r.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.Releases.Where(r => r.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        // Only the project's own payloads used its compression dictionaries, and they are gone now.
        await db.Set<StoredDictionary>().Where(d => d.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.Projects.Where(p => p.Id == projectId && p.DeletedAt != null).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private bool HasInboxEvents(long projectId)
    {
        using var connection = inbox.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM inbox_events WHERE project_id = $project)";
        command.Parameters.AddWithValue("$project", projectId);
        return (long)command.ExecuteScalar()! == 1;
    }
}
