using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.Issues.Workflow;

namespace Bugsink.Web.Features.Digest;

// Finds or creates the issue for an event's grouping key, inside the batch transaction: the database
// side of grouping. The cache answers most lookups; every issue it names is confirmed live (not
// deleted) by the workflow's once-per-batch read of that issue, so a delete committed after the cache
// learned the key still sends later events to a new issue.
internal sealed class IssueAssigner(IssueCache cache, DigestStatements sql, DigestWorkflow workflow, INewIssueCulprits? culprits)
{
    private readonly Dictionary<(long ProjectId, string KeyHash), long> _assigned = [];
    private readonly List<long> _newIssueIds = [];

    // Every key → issue this batch used, for the cache once the batch has committed.
    public IReadOnlyDictionary<(long ProjectId, string KeyHash), long> Assigned => _assigned;

    public IReadOnlyList<long> NewIssueIds => _newIssueIds;

    public void BeginBatch()
    {
        _assigned.Clear();
        _newIssueIds.Clear();
    }

    // Null when the project no longer exists (deleted while its events waited in the inbox).
    public long? Assign(PreparedEvent p, out bool opensIssue)
    {
        opensIssue = false;
        var key = (p.Row.ProjectId, p.Grouping.KeyHash);
        if (_assigned.TryGetValue(key, out var known))
        {
            return known;
        }

        if (cache.TryGet(key.ProjectId, key.KeyHash, out var cached))
        {
            if (workflow.IsLive(cached))
            {
                return _assigned[key] = cached;
            }

            cache.Remove(key.ProjectId, key.KeyHash);
        }

        if (sql.FindGrouping.Scalar(key.ProjectId, key.KeyHash) is long existing)
        {
            if (workflow.IsLive(existing))
            {
                return _assigned[key] = existing;
            }

            // Deleting an issue removes its groupings in the same transaction; this only repairs
            // data written otherwise, rather than failing every batch that meets it.
            sql.DeleteGrouping.Run(key.ProjectId, key.KeyHash);
        }

        if (sql.NextIssueNumber.Scalar(key.ProjectId) is not long number)
        {
            return null;
        }

        var g = p.Grouping;
        var seen = p.Row.ReceivedAt.ToUnixTimeMilliseconds();
        var issueId = (long)sql.InsertIssue.Scalar(key.ProjectId, number, g.Title, g.Type, g.Value, CulpritOf(p), p.Level, p.Platform, seen)!;
        sql.InsertGrouping.Run(key.ProjectId, issueId, g.SchemeVersion, key.KeyHash, g.Key);
        workflow.IssueOpened(key.ProjectId, issueId, p.Row.EventId);
        _newIssueIds.Add(issueId);
        opensIssue = true;
        return _assigned[key] = issueId;
    }

    // Once per new issue, inside the batch's transaction so that nobody (the list, the API, the alert)
    // sees the issue named by a minified frame first. Resolving reads uploaded maps on a connection of
    // its own, which the write lock does not block (WAL), and only new issues of the platforms the
    // resolver names pay for it.
    private string? CulpritOf(PreparedEvent p)
    {
        if (culprits is null || !p.IsParsable || !culprits.Applies(p.Platform))
        {
            return p.Grouping.Culprit;
        }

        var payload = new byte[p.Row.PayloadSize];
        PayloadCompression.Decompress(p.Row.Payload, payload);
        return culprits.Resolve(p.Row.ProjectId, payload) ?? p.Grouping.Culprit;
    }
}
