namespace Bugsink.Sentry.Grouping;

// Key identifies the issue; KeyHash (sha256 of Key, lowercase hex) is what gets indexed. SchemeVersion is
// stored with the key so a later grouping scheme can find issues created under an earlier one.
public sealed record GroupingResult(
    string Key,
    string KeyHash,
    int SchemeVersion,
    string Title,
    string Type,
    string Value,
    string? Culprit);
