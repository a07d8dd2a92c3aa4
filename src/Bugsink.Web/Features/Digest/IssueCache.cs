namespace Bugsink.Web.Features.Digest;

// Grouping key → issue id, so the common case (an event for a known issue) needs no query.
// Only the digest (one at a time) touches it; entries are added after their transaction commits.
public sealed class IssueCache
{
    private const int MaxEntries = 200_000;
    private readonly Dictionary<(long ProjectId, string KeyHash), long> _issues = [];

    public bool TryGet(long projectId, string keyHash, out long issueId) => _issues.TryGetValue((projectId, keyHash), out issueId);

    public void AddRange(IEnumerable<KeyValuePair<(long ProjectId, string KeyHash), long>> committed)
    {
        if (_issues.Count > MaxEntries)
        {
            _issues.Clear();
        }

        foreach (var (key, issueId) in committed)
        {
            _issues[key] = issueId;
        }
    }

    // Issues deleted or merged elsewhere must not be found again.
    public void Clear() => _issues.Clear();
}
