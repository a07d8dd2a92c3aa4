using System.Collections.Concurrent;

namespace Bugsink.Web.Features.Digest;

// Grouping key → issue id, so the common case (an event for a known issue) needs no query. The digest
// (one at a time) reads and fills it, adding entries after their transaction commits; deleting an
// issue removes its entries from another thread, hence the concurrent dictionary. The cache is only
// a hint: the digest re-reads each issue inside its transaction and ignores entries for deleted issues.
public sealed class IssueCache
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<(long ProjectId, string KeyHash), long> _issues = [];

    // Keys whose issue changed while the issue stayed live ("Stop merging", issue 25): the digest's
    // check that a cached issue is live cannot catch those, and a batch that committed just before
    // the change may still add the old answer after it, so these keys are never cached again (rare;
    // each costs one indexed lookup per batch that meets it).
    private readonly ConcurrentDictionary<(long ProjectId, string KeyHash), byte> _uncached = [];

    public bool TryGet(long projectId, string keyHash, out long issueId)
    {
        issueId = 0;
        return !_uncached.ContainsKey((projectId, keyHash)) && _issues.TryGetValue((projectId, keyHash), out issueId);
    }

    // Call before the transaction that repoints the key commits.
    public void NeverCache(long projectId, string keyHash)
    {
        _uncached[(projectId, keyHash)] = 0;
        _issues.TryRemove((projectId, keyHash), out _);
    }

    public void AddRange(IEnumerable<KeyValuePair<(long ProjectId, string KeyHash), long>> committed)
    {
        if (_issues.Count > MaxEntries)
        {
            _issues.Clear();
        }

        foreach (var (key, issueId) in committed)
        {
            if (_uncached.ContainsKey(key))
            {
                continue;
            }

            _issues[key] = issueId;
        }
    }

    public void Remove(long projectId, string keyHash) => _issues.TryRemove((projectId, keyHash), out _);

    // A deleted issue may have several grouping keys (scheme versions); a scan is fine for a rare action.
    public void RemoveIssue(long issueId)
    {
        foreach (var entry in _issues)
        {
            if (entry.Value == issueId)
            {
                _issues.TryRemove(entry);
            }
        }
    }

    // Issues deleted or merged elsewhere must not be found again.
    public void Clear() => _issues.Clear();
}
