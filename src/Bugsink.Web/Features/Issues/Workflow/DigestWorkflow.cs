using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Issues.Workflow;

// The issue workflow as the digest applies it: inside the batch transaction (BEGIN IMMEDIATE on SQLite, so no
// user action can commit in between), each issue's state is read once per batch from the database,
// never from a cache, changed event by event by the rules, and written back at the end of the batch.
// History entries and alert requests are written in the same transaction as the change.
public sealed class DigestWorkflow(StatementConnection connection) : IDisposable
{
    private readonly WorkflowStatements _sql = new(connection);
    private readonly ReleaseRegistry _releases = new(connection);
    private readonly Dictionary<long, IssueWorkflowState?> _issues = [];
    private DateTimeOffset _digestedAt;

    public int AlertsWritten { get; private set; }

    public void BeginBatch(DateTimeOffset digestedAt)
    {
        _releases.BeginBatch();
        _issues.Clear();
        _digestedAt = digestedAt;
        AlertsWritten = 0;
    }

    // False for an issue deleted (or gone) since the grouping cache learned about it.
    public bool IsLive(long issueId) => Load(issueId) is not null;

    public void IssueOpened(long projectId, long issueId, string eventId)
    {
        _issues[issueId] = IssueWorkflowState.Open(issueId, projectId);
        Alert(projectId, issueId, AlertKind.NewIssue, null, eventId);
    }

    // Registers the event's release and applies the rules to the event, for a live issue. True when the
    // event was a turning point (it regressed or unmuted the issue, or brought a fix release), which
    // makes it one that retention keeps.
    public bool Digest(long issueId, string eventId, string? release, DateTimeOffset receivedAt)
    {
        var issue = Load(issueId) ?? throw new InvalidOperationException($"Issue {issueId} is not live.");
        var isTurningPoint = release is not null && RegisterRelease(issue.ProjectId, release, receivedAt);
        if (issue.IsResolved)
        {
            var eventRelease = release is null ? null : _releases.Find(issue.ProjectId, release);
            var fixRelease = issue.FixedInRelease is null ? null : _releases.Find(issue.ProjectId, issue.FixedInRelease);
            if (!RegressionRule.IsRegression(issue, eventRelease, fixRelease))
            {
                return isTurningPoint;
            }

            issue.Reopen();
            History(issueId, IssueHistoryKind.Regressed, release, "event " + eventId);
            Alert(issue.ProjectId, issueId, AlertKind.Regression, release, eventId);
            return true;
        }

        if (UnmuteRule.Check(issue, receivedAt, _digestedAt) is not { } reason)
        {
            return isTurningPoint;
        }

        var byVolume = reason == UnmuteRule.VolumeReason;
        var detail = byVolume
            ? MuteSpec.DescribeVolume(issue.UnmuteOnVolumeCount ?? 0, issue.UnmuteOnVolumeWindowSeconds ?? 0) + "; event " + eventId
            : "the mute period ended";
        issue.Unmute();
        History(issueId, IssueHistoryKind.Unmuted, null, detail);
        Alert(issue.ProjectId, issueId, AlertKind.Unmute, reason, byVolume ? eventId : null);
        return isTurningPoint || byVolume;
    }

    public void EndBatch()
    {
        foreach (var issue in _issues.Values)
        {
            if (issue is { IsChanged: true })
            {
                _sql.SaveState.Run(
                    issue.IssueId, issue.IsResolved, issue.IsResolvedByNextRelease, issue.FixedInRelease, issue.ResolvedAt?.ToUnixTimeMilliseconds(),
                    issue.IsMuted, issue.MutedUntil?.ToUnixTimeMilliseconds(), issue.UnmuteOnVolumeCount, issue.UnmuteOnVolumeWindowSeconds);
            }
        }
    }

    public void Dispose()
    {
        _sql.Dispose();
        _releases.Dispose();
    }

    // A release seen for the first time, and newer than all before it, is "the next release" for every
    // issue of the project waiting for one (a hotfix for an older line is not). True when it was that for any.
    private bool RegisterRelease(long projectId, string version, DateTimeOffset seen)
    {
        if (!_releases.Register(projectId, version, seen, out var release) || !_releases.IsLatest(release))
        {
            return false;
        }

        var fixedIssues = new List<long>();
        using (var reader = _sql.MaterialiseNextRelease.Query(projectId, version))
        {
            while (reader.Read())
            {
                fixedIssues.Add(reader.GetInt64(0));
            }
        }

        foreach (var issueId in fixedIssues)
        {
            if (_issues.GetValueOrDefault(issueId) is { } loaded)
            {
                loaded.FixReleaseMaterialised(version);
            }

            History(issueId, IssueHistoryKind.FixReleaseMaterialised, version, null);
        }

        return fixedIssues.Count > 0;
    }

    private IssueWorkflowState? Load(long issueId)
    {
        if (_issues.TryGetValue(issueId, out var known))
        {
            return known;
        }

        var issue = IssueStateReader.Read(_sql.LoadState, issueId);
        if (issue is { IsMuted: true, UnmuteOnVolumeWindowSeconds: { } window })
        {
            var mutedAt = _sql.MutedAt.Scalar(issueId) is long at ? at : 0;
            var start = Math.Max(_digestedAt.AddSeconds(-window).ToUnixTimeMilliseconds(), mutedAt);
            issue.VolumeWindowStart = DateTimeOffset.FromUnixTimeMilliseconds(start);
            issue.EventsInVolumeWindow = (long)_sql.CountEventsSince.Scalar(issueId, start)!;
        }

        _issues[issueId] = issue;
        return issue;
    }

    private void History(long issueId, IssueHistoryKind kind, string? release, string? detail) =>
        _sql.InsertHistory.Run(issueId, (int)kind, Actor.System.UserId, Actor.System.Name, _digestedAt.ToUnixTimeMilliseconds(), release, detail);

    private void Alert(long projectId, long issueId, AlertKind kind, string? reason, string? eventId)
    {
        _sql.InsertAlert.Run(projectId, issueId, (int)kind, reason, eventId, _digestedAt.ToUnixTimeMilliseconds());
        AlertsWritten++;
    }
}
