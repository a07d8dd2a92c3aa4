using Bugsink.Web.Features.Digest;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Workflow;

// What people (pages, the API) do to an issue. Each action reads, changes and records the issue inside
// one short transaction; SQLite's BeginTransaction is BEGIN IMMEDIATE, so the action takes the single
// write lock before it reads, and a digest batch (which holds that lock for the whole batch) runs
// either entirely before or entirely after it: never half of each. An action that would not change
// anything (resolving a resolved issue) writes no history entry.
//
// Missing or deleted issues: the state actions and AddCommentAsync throw IssueNotFoundException; the
// comment edits return false. Invalid input (a blank comment, an unknown release, a mute ending in the
// past) throws ArgumentException.
public sealed partial class IssueActions(AppDbContext db, IssueCache cache, IBackgroundJobClient jobs, TimeProvider time)
{
    private sealed record HistoryNote(IssueHistoryKind Kind, string? Release = null, string? Detail = null);

    public Task ResolveAsync(long issueId, Actor actor, CancellationToken ct) =>
        ChangeAsync(issueId, actor, (issue, now) =>
        {
            if (issue is { IsResolved: true, IsResolvedByNextRelease: false, FixedInRelease: null })
            {
                return null;
            }

            IssueStateChanges.Resolve(issue, byNextRelease: false, fixedInRelease: null, now);
            return new HistoryNote(IssueHistoryKind.Resolved);
        }, ct);

    public Task ResolveInNextReleaseAsync(long issueId, Actor actor, CancellationToken ct) =>
        ChangeAsync(issueId, actor, (issue, now) =>
        {
            if (issue.IsResolvedByNextRelease)
            {
                return null;
            }

            IssueStateChanges.Resolve(issue, byNextRelease: true, fixedInRelease: null, now);
            return new HistoryNote(IssueHistoryKind.ResolvedInNextRelease);
        }, ct);

    // The release must already be known in the project (seen in an event): only a registered release
    // has a place in the release order. Names are sanitised the way the digest sanitises them.
    public async Task ResolveInReleaseAsync(long issueId, string release, Actor actor, CancellationToken ct)
    {
        var version = ReleaseName.Sanitize(release) ?? throw new ArgumentException("A release name is required.", nameof(release));
        await ChangeAsync(issueId, actor, async (issue, now) =>
        {
            if (!await db.Releases.AnyAsync(r => r.ProjectId == issue.ProjectId && r.Version == version, ct))
            {
                throw new ArgumentException($"The project has no release '{version}'.", nameof(release));
            }

            if (issue is { IsResolved: true, IsResolvedByNextRelease: false } && issue.FixedInRelease == version)
            {
                return null;
            }

            IssueStateChanges.Resolve(issue, byNextRelease: false, fixedInRelease: version, now);
            return new HistoryNote(IssueHistoryKind.ResolvedInRelease, version);
        }, ct);
    }

    public Task ReopenAsync(long issueId, Actor actor, CancellationToken ct) =>
        ChangeAsync(issueId, actor, (issue, _) =>
        {
            if (!issue.IsResolved)
            {
                return null;
            }

            IssueStateChanges.Reopen(issue);
            return new HistoryNote(IssueHistoryKind.Reopened);
        }, ct);

    // A timed mute schedules its own end (UnmuteIssueJob) once the mute has committed.
    public async Task MuteAsync(long issueId, MuteSpec spec, Actor actor, CancellationToken ct)
    {
        var changed = false;
        await ChangeAsync(issueId, actor, (issue, now) =>
        {
            spec.Validate(now);
            if (IssueStateChanges.IsMutedAs(issue, spec))
            {
                return null;
            }

            IssueStateChanges.Mute(issue, spec);
            changed = true;
            return new HistoryNote(IssueHistoryKind.Muted, Detail: spec.Describe());
        }, ct);

        if (changed && spec.Until is { } until)
        {
            UnmuteIssueJob.Schedule(jobs, issueId, until, time.GetUtcNow());
        }
    }

    public Task UnmuteAsync(long issueId, Actor actor, CancellationToken ct) =>
        ChangeAsync(issueId, actor, (issue, _) =>
        {
            if (!issue.IsMuted)
            {
                return null;
            }

            IssueStateChanges.Unmute(issue);
            return new HistoryNote(IssueHistoryKind.Unmuted);
        }, ct);

    // The issue disappears at once; its groupings go in the same transaction so that the next event
    // with the same key starts a new issue; its events, tags and counts go in background batches.
    public async Task DeleteAsync(long issueId, Actor actor, CancellationToken ct)
    {
        await ChangeAsync(issueId, actor, async (issue, _) =>
        {
            issue.IsDeleted = true;
            await db.Groupings.Where(g => g.IssueId == issue.Id).ExecuteDeleteAsync(ct);
            return new HistoryNote(IssueHistoryKind.Deleted);
        }, ct);

        cache.RemoveIssue(issueId);
        jobs.Enqueue<DeleteIssueJob>(job => job.RunAsync(issueId, CancellationToken.None));
    }

    private Task ChangeAsync(long issueId, Actor actor, Func<Issue, DateTimeOffset, HistoryNote?> change, CancellationToken ct) =>
        ChangeAsync(issueId, actor, (issue, now) => Task.FromResult(change(issue, now)), ct);

    private async Task ChangeAsync(long issueId, Actor actor, Func<Issue, DateTimeOffset, Task<HistoryNote?>> change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var issue = await db.Issues.SingleOrDefaultAsync(i => i.Id == issueId && !i.IsDeleted, ct) ?? throw new IssueNotFoundException(issueId);
        var now = time.GetUtcNow();
        if (await change(issue, now) is not { } note)
        {
            return;
        }

        db.IssueHistory.Add(NewEntry(issueId, note.Kind, actor, now, note.Release, note.Detail));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    // One history entry by this actor; also for the other features that write history (merge, unassignment).
    internal static IssueHistoryEntry NewEntry(long issueId, IssueHistoryKind kind, Actor actor, DateTimeOffset at, string? release = null, string? detail = null) => new()
    {
        IssueId = issueId,
        Kind = kind,
        UserId = actor.UserId,
        ActorName = actor.Name,
        At = at,
        Release = release,
        Detail = detail,
    };
}
