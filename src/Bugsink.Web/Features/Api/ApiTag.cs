namespace Bugsink.Web.Features.Api;

// One tag key of an issue: how many of its events carried the key, how many distinct values it had,
// and the most frequent values (at most ApiTag.MaxValues), each with its count and when it was seen.
public sealed record ApiTag(string Key, long Count, int DistinctValues, IReadOnlyList<ApiTagValue> Values)
{
    // Keys like user.id can have a value per user; the long tail is counted, not listed.
    public const int MaxValues = 100;
}

public sealed record ApiTagValue(string Value, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
